package io.floatwatch.app.role;

import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.app.config.ProbeConfig;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.floatwatch.app.probe.ObservationFeed;
import io.floatwatch.app.probe.ProbeRunner;
import io.floatwatch.app.probe.ProbeTargetSource;
import io.floatwatch.app.probe.TargetRedirect;
import io.floatwatch.collector.publish.KafkaObservationSink;
import io.floatwatch.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;

/**
 * Builds and starts the probe: the data-plane check that runs where one declared client runs (a DaemonSet on its
 * nodes, a process on its VM). It needs Kafka and nothing of AWS.
 */
public final class ProbeRole {

    private ProbeRole() {
    }

    static RunningRole start(RuntimeConfig config, MeterRegistry registry, Clock clock, TargetRedirect redirect) {
        ProbeConfig.Options p = config.probe();
        if (p == null || p.client() == null) {
            throw new IllegalStateException("the probe role needs a probe: section naming its client (probe.client)");
        }
        io.floatwatch.analyzer.core.path.DeclaredClient client = config.clients().stream().filter(c -> c.name().equals(p.client())).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe.client '" + p.client() + "' is not declared"));
        Set<EndpointKind> kinds = client.endpoints();
        ProbeTargetSource targets;
        ObservationFeed feed = null;
        if (!p.targets().isEmpty()) {
            targets = ProbeTargetSource.fixed(p.targets(), kinds);
        } else {
            ProbeTargetSource.Learned learned = ProbeTargetSource.learned(Set.copyOf(client.fileSystemIds()), kinds,
                    client.region());
            feed = ObservationFeed.start(config.bootstrapServers(), config.kafkaProperties(), Topics.OBSERVATIONS,
                    "floatwatch-probe-" + client.name(), learned::accept);
            targets = learned;
        }
        KafkaObservationSink sink = new KafkaObservationSink(config.bootstrapServers(), Topics.OBSERVATIONS,
                "floatwatch-probe-" + client.name(), config.kafkaProperties());
        ProbeRunner runner = new ProbeRunner(client.name(), targets::targets, sink, redirect, p.interval(), p.timeout(),
                p.heartbeat(), clock, registry).start();
        ObservationFeed startedFeed = feed;
        Health health = new Health().addLiveness(new HealthCheck("probe.rounds", runner::liveProblem));
        if (startedFeed != null) {
            health.addLiveness(new HealthCheck("probe.feed", startedFeed::liveProblem));
        }
        AutoCloseable handle = () -> {
            runner.close();
            if (startedFeed != null) {
                startedFeed.close();
            }
            sink.close();
        };
        return new RunningRole(Role.PROBE, handle, health);
    }
}
