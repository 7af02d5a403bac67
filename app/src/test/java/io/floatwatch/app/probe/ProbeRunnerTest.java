package io.floatwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.collector.publish.ObservationEncoder;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.ProbeOutcome;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Targets learned from the file-system records of the observations topic, probed through loopback listeners
 * (declared endpoints mapped to 127.0.0.x), and the records published.
 */
class ProbeRunnerTest {

    private static final Scope FS_SCOPE = new Scope("123456789012", "ap-northeast-1");
    private static final String FS = "fs-0123456789abcdef0";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final LoopbackListeners listeners = new LoopbackListeners();
    private final List<ResourceKey> keys = new ArrayList<>();
    private final List<Observation> sent = new ArrayList<>();
    private final ObservationSink sink = new ObservationSink() {
        @Override
        public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
            keys.add(key);
            sent.add(value);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        listeners.close();
    }

    private static FileSystemObservation ontap(String fsId) {
        return new FileSystemObservation(FS_SCOPE, T0, fsId, "ONTAP", "MULTI_AZ_1", "AVAILABLE", "vpc-1",
                "10.0.15.192/26", List.of("10.0.15.231"), List.of("rtb-1"), List.of("subnet-1a", "subnet-1c"), "subnet-1a",
                List.of("eni-1", "eni-2"), 128, null, List.of(), List.of("10.0.15.231"), List.of("10.0.8.138"));
    }

    private static StorageVirtualMachineObservation svm(String fsId) {
        return new StorageVirtualMachineObservation(FS_SCOPE, T0, "svm-" + fsId.substring(3), fsId, "svm1",
                List.of("10.0.15.240"), List.of("10.0.15.239"), List.of("10.0.15.239"), List.of("10.0.8.5", "10.0.9.214"),
                List.of());
    }

    private static void learn(ProbeTargetSource.Learned learned, Observation o) {
        learned.accept(o.key().value(), ObservationEncoder.encode(o));
    }

    @Test
    void shouldLearnOnlyTheDeclaredFileSystemsEndpointsOnThePortsOfTheKindsTheClientUses() {
        ProbeTargetSource.Learned learned = ProbeTargetSource.learned(Set.of(FS), Set.of(EndpointKind.NFS, EndpointKind.ISCSI),
                null);
        learn(learned, ontap(FS));
        learn(learned, svm(FS));
        learn(learned, ontap("fs-0fffffffffffffff0"));
        learn(learned, svm("fs-0fffffffffffffff0"));

        List<String> targets = learned.targets().stream()
                .map(l -> l.target().fileSystemId() + " " + l.target().ip() + ":" + l.target().port() + " " + l.target().endpointKind())
                .toList();

        assertThat(targets).containsExactlyInAnyOrder(
                FS + " 10.0.15.239:2049 nfs", FS + " 10.0.15.239:111 nfs",
                FS + " 10.0.8.5:3260 iscsi", FS + " 10.0.9.214:3260 iscsi");

        learned.accept(ontap(FS).key().value(), null);
        assertThat(learned.targets()).as("file system tombstoned").isEmpty();
    }

    @Test
    void shouldProbeTheConfiguredEndpointsOnTheirKindsPortsWhenTargetsOverrideTheLearnedOnes() {
        ProbeTargetSource fixed = ProbeTargetSource.fixed(List.of(
                new io.floatwatch.app.config.ProbeConfig.StaticTarget(FS, "123456789012", "ap-northeast-1", "10.0.15.239",
                        List.of("smb", "nfs")),
                new io.floatwatch.app.config.ProbeConfig.StaticTarget(FS, "123456789012", "ap-northeast-1", "10.0.8.5",
                        List.of())), Set.of(EndpointKind.ISCSI));

        assertThat(fixed.targets()).extracting(l -> l.scope().id() + " " + l.target().ip() + ":" + l.target().port()
                + " " + l.target().endpointKind()).containsExactly(
                        "123456789012/ap-northeast-1 10.0.15.239:2049 nfs", "123456789012/ap-northeast-1 10.0.15.239:111 nfs",
                        "123456789012/ap-northeast-1 10.0.15.239:445 smb", "123456789012/ap-northeast-1 10.0.8.5:3260 iscsi");
    }

    @Test
    void shouldPublishEachOutcomeAndTombstoneAGoneTargetWhenProbingLoopbackListeners() throws Exception {
        InetSocketAddress accepting = listeners.accepting("127.0.0.5");
        InetSocketAddress refusing = listeners.refusing("127.0.0.6");
        ProbeTargetSource.Learned learned = ProbeTargetSource.learned(Set.of(FS), Set.of(EndpointKind.NFS), null);
        learn(learned, ontap(FS));
        learn(learned, svm(FS));
        TargetRedirect redirect = TargetRedirect.loopbackOnly(Map.of(
                "10.0.15.239:2049", "127.0.0.5:" + accepting.getPort(),
                "10.0.15.239:111", "127.0.0.6:" + refusing.getPort()));
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = io.floatwatch.app.Metrics.newRegistry();
        ProbeRunner runner = new ProbeRunner("app", learned::targets, sink, redirect, Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(30), Clock.systemUTC(), registry);
        try {
            runner.round();

            assertThat(sent).hasSize(2);
            ProbeObservation nfs = byPort(2049);
            assertThat(nfs.outcome()).isEqualTo(ProbeOutcome.CONNECTED);
            assertThat(nfs.targetIp()).as("the record names the declared endpoint").isEqualTo("10.0.15.239");
            assertThat(nfs.scope()).isEqualTo(FS_SCOPE);
            assertThat(nfs.client()).isEqualTo("app");
            assertThat(byPort(111).outcome()).isEqualTo(ProbeOutcome.REFUSED);
            assertThat(registry.scrape()).contains("floatwatch_probe_handshakes_total{outcome=\"connected\"} 1",
                    "floatwatch_probe_handshakes_total{outcome=\"refused\"} 1", "floatwatch_probe_publish_errors_total 0");

            sent.clear();
            runner.round();
            assertThat(sent).as("unchanged within the heartbeat").isEmpty();

            learned.accept(svm(FS).key().value(), null);
            runner.round();
            assertThat(sent).as("targets gone with their SVM are tombstoned").hasSize(2).containsOnlyNulls();
            assertThat(keys.subList(keys.size() - 2, keys.size())).extracting(ResourceKey::resourceId)
                    .allMatch(id -> id.startsWith("probe/app/" + FS + "/10.0.15.239:"));
        } finally {
            runner.close();
        }
    }

    private ProbeObservation byPort(int port) {
        return sent.stream().map(ProbeObservation.class::cast).filter(p -> p.port() == port).findFirst().orElseThrow();
    }
}
