package io.floatwatch.app.role;

import io.floatwatch.app.probe.TargetRedirect;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.kafka.KafkaReachability;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import org.slf4j.LoggerFactory;

/**
 * The roles running in this process, started downstream-first (alerter, analyzer, collector) so
 * that nothing the collector publishes waits on a consumer that is not there yet, and stopped
 * upstream-first for the same reason.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<RunningRole> running;
    private final KafkaReachability kafka;
    private final Health health = new Health();

    private Pipeline(List<RunningRole> running, KafkaReachability kafka) {
        this.running = running;
        this.kafka = kafka;
        running.forEach(r -> health.addAll(r.health()));
        if (kafka != null) {
            health.addReadiness(kafka.check());
        }
    }

    /**
     * @param clock    stamps observedAt on what the collector sees; the demo passes a faster clock
     * @param notifier where the alerter sends notifications
     */
    public static Pipeline start(RuntimeConfig config, Set<Role> roles, Clock clock, MeterRegistry registry,
            Notifier notifier) {
        return start(config, roles, clock, registry, notifier, null);
    }

    /** @param credentials AWS credentials for the collector; null for the default chain (IRSA, env, profile) */
    public static Pipeline start(RuntimeConfig config, Set<Role> roles, Clock clock, MeterRegistry registry,
            Notifier notifier, AwsCredentialsProvider credentials) {
        return start(config, roles, clock, registry, notifier, credentials, TargetRedirect.none());
    }

    /** @param redirect loopback listeners for the probe's targets; only tests pass anything but none */
    public static Pipeline start(RuntimeConfig config, Set<Role> roles, Clock clock, MeterRegistry registry,
            Notifier notifier, AwsCredentialsProvider credentials, TargetRedirect redirect) {
        List<RunningRole> started = new ArrayList<>();
        KafkaReachability kafka = KafkaReachability.start(config.bootstrapServers(), config.kafkaProperties());
        List<Role> order = new ArrayList<>(EnumSet.copyOf(roles));
        Collections.reverse(order);
        try {
            for (Role role : order) {
                long t0 = System.nanoTime();
                started.add(switch (role) {
                    case ALERTER -> AlerterRole.start(config, registry, notifier);
                    case ANALYZER -> AnalyzerRole.start(config, registry);
                    case COLLECTOR -> CollectorRole.start(config, registry, clock, credentials);
                    case PROBE -> ProbeRole.start(config, registry, clock, redirect);
                });
                LOG.info("{} started in {} ms", role.label(), (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            new Pipeline(started, kafka).close();
            throw e;
        }
        return new Pipeline(started, kafka);
    }

    /** The liveness and readiness checks of every role here, and Kafka's reachability, for /healthz and /readyz. */
    public Health health() {
        return health;
    }

    /** /readyz would answer 200. */
    public boolean ready() {
        return health.ready().ok();
    }

    @Override
    public void close() {
        List<RunningRole> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (RunningRole r : reversed) {
            try {
                r.handle().close();
                LOG.info("{} stopped", r.role().label());
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", r.role().label(), e.toString());
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
