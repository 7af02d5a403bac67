package io.floatwatch.app;

import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.http.OpsHttpServer;
import io.floatwatch.app.kafka.EmbeddedKafka;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.AlerterRole;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one role ({@code collector}, {@code analyzer}, {@code alerter}) or all of them until SIGTERM. */
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Set<Role> roles;
    /** Only {@code all} has these: one process with its own broker runs every role. */
    private final EmbeddedKafkaOptions embedded;

    @Mixin
    ConfigFile config;

    @Option(names = "--create-topics", description = "Create missing topics (partitions, replicas) before starting. "
            + "In production prefer deploy/kafka.")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions for --create-topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replicas", defaultValue = "3", description = "Replicas for --create-topics (default ${DEFAULT-VALUE})")
    short replicas;

    RunCommand(Set<Role> roles, EmbeddedKafkaOptions embedded) {
        this.roles = roles;
        this.embedded = embedded;
    }

    @Override
    public Integer call() throws Exception {
        RuntimeConfig fromFile = config.load(embedded.enabled());
        EmbeddedKafka broker = embedded.enabled() ? EmbeddedKafkaMode.start(embedded) : null;
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM halts as soon as the hooks return, so the hook waits for the orderly stop:
        // the collector finishes its poll, the analyzer commits and leaves its group, the alerter
        // commits what it notified, and then an embedded broker flushes and closes its log.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                if (!stopped.await(60, TimeUnit.SECONDS)) {
                    LOG.warn("roles did not stop within 60 s; exiting anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "floatwatch-shutdown"));
        try {
            RuntimeConfig c = broker == null ? fromFile
                    : EmbeddedKafkaMode.onEmbeddedBroker(fromFile, broker.bootstrapServers(), embedded.dir);
            return run(c, broker != null, stop);
        } finally {
            try {
                // The roles have stopped (committed, left their groups) by now: the broker goes last.
                if (broker != null) {
                    long t0 = System.nanoTime();
                    broker.close();
                    LOG.info("embedded Kafka stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
                }
            } finally {
                stopped.countDown();
            }
        }
    }

    private int run(RuntimeConfig c, boolean embeddedBroker, CountDownLatch stop) throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        // The probes answer from the first second, so a pod waiting for its brokers is "alive, not ready"
        // with the reason in /readyz, instead of a crash loop.
        Health health = new Health().exportTo(registry);
        Startup startup = new Startup(c.bootstrapServers());
        health.addReadiness(startup.check());
        Pipeline pipeline = null;
        try (OpsHttpServer http = OpsHttpServer.start(c.httpHost(), c.httpPort(), registry, health)) {
            pipeline = startup.run(stop, () -> {
                if (embeddedBroker) {
                    // One broker holds one replica; the topics are this process's to create.
                    TopicProvisioner.ensure(c.bootstrapServers(), c.kafkaProperties(), partitions, (short) 1);
                } else if (createTopics) {
                    TopicProvisioner.ensure(c.bootstrapServers(), c.kafkaProperties(), partitions, replicas);
                }
                return Pipeline.start(c, roles, Clock.systemUTC(), registry,
                        roles.contains(Role.ALERTER) ? AlerterRole.notifier(c) : n -> { });
            });
            if (pipeline != null) {
                health.addAll(pipeline.health());
                LOG.info("floatwatch {} running; stop with SIGTERM", roles.stream().map(Role::label).toList());
                stop.await();
            }
            LOG.info("stopping");
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        return 0;
    }
}
