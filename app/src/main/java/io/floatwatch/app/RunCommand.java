package io.floatwatch.app;

import io.floatwatch.alerter.notify.LogNotifier;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.http.OpsHttpServer;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one role ({@code collector}, {@code analyzer}, {@code alerter}) or all of them until SIGTERM. */
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Set<Role> roles;

    @Mixin
    ConfigFile config;

    @Option(names = "--create-topics", description = "Create missing topics (partitions, replicas) before starting. "
            + "In production prefer deploy/kafka.")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions for --create-topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replicas", defaultValue = "3", description = "Replicas for --create-topics (default ${DEFAULT-VALUE})")
    short replicas;

    RunCommand(Set<Role> roles) {
        this.roles = roles;
    }

    @Override
    public Integer call() throws Exception {
        RuntimeConfig c = config.load();
        if (createTopics) {
            TopicProvisioner.ensure(c.bootstrapServers(), c.kafkaProperties(), partitions, replicas);
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        CountDownLatch stop = new CountDownLatch(1);
        try (Pipeline pipeline = Pipeline.start(c, roles, Clock.systemUTC(), registry,
                        new LogNotifier());
                OpsHttpServer http = OpsHttpServer.start(c.httpHost(), c.httpPort(), registry, pipeline.readiness())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "floatwatch-shutdown"));
            LOG.info("floatwatch {} running; stop with SIGTERM", roles.stream().map(Role::label).toList());
            stop.await();
        }
        return 0;
    }
}
