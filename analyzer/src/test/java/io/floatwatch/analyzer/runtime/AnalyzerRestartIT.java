package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer is stopped in the middle of a failover and started again with the same application
 * id and state directory: the failover must still converge and fail back, and every event and
 * every finding version must have been published exactly once across both runs.
 */
class AnalyzerRestartIT {

    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static KafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishEachEventAndFindingVersionOnceWhenRestartedMidFailover() throws Exception {
        AnalyzerSettings settings = new AnalyzerSettings(broker.bootstrapServers(), "analyzer-restart-it", stateDir,
                Duration.ofMinutes(15), AnalyzerTopics.defaults());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(settings.topics().definitions(PARTITIONS, (short) 1)).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = producer(); Outputs outputs = new Outputs(settings.topics())) {
            try (AnalyzerRuntime first = AnalyzerRuntime.create(settings)) {
                first.start();
                awaitTrue("first runtime RUNNING", first::ready);
                send(producer, fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)),
                        eni(STANDBY, "subnet-1c", minutes(0)), table("rtb-1", PREFERRED, minutes(0)),
                        table("rtb-2", PREFERRED, minutes(0)), poll(minutes(5)), table("rtb-1", STANDBY, minutes(9)));
                outputs.await("FAILOVER_STARTED", () -> outputs.count(EventType.FAILOVER_STARTED) == 1);
            }

            try (AnalyzerRuntime second = AnalyzerRuntime.create(settings)) {
                second.start();
                awaitTrue("second runtime RUNNING", second::ready);
                // rtb-1 moved before the restart: convergence is only seen if the model was rebuilt from the store.
                send(producer, table("rtb-2", STANDBY, minutes(10)), poll(minutes(20)),
                        table("rtb-1", PREFERRED, minutes(40)), table("rtb-2", PREFERRED, minutes(41)), poll(minutes(45)));
                outputs.await("FAILBACK_COMPLETED", () -> outputs.count(EventType.FAILBACK_COMPLETED) == 1);
                outputs.drain(Duration.ofSeconds(2));
            }
            outputs.assertExactlyOnce();
        }
    }

    /**
     * The state directory is lost with the pod: the observation store comes back from the
     * observations topic itself (it has no changelog of its own), poison records there included, and
     * the rules' state and the published findings from their changelogs.
     */
    @Test
    void shouldRebuildTheModelFromTheObservationsTopicAndSkipItsPoisonWhenTheStateDirectoryIsLost(@TempDir Path freshDir)
            throws Exception {
        AnalyzerTopics topics = new AnalyzerTopics("restore-it.observations", "restore-it.findings", "restore-it.events",
                "restore-it.dead-letter");
        AnalyzerSettings first = new AnalyzerSettings(broker.bootstrapServers(), "analyzer-restore-it", stateDir,
                Duration.ofMinutes(15), topics);
        AnalyzerSettings second = new AnalyzerSettings(broker.bootstrapServers(), "analyzer-restore-it", freshDir,
                Duration.ofMinutes(15), topics);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(topics.definitions(PARTITIONS, (short) 1)).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = producer(); Outputs outputs = new Outputs(topics)) {
            try (AnalyzerRuntime runtime = AnalyzerRuntime.create(first)) {
                runtime.start();
                awaitTrue("first runtime RUNNING", runtime::ready);
                send(producer, topics, fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)),
                        eni(STANDBY, "subnet-1c", minutes(0)), table("rtb-1", PREFERRED, minutes(0)),
                        table("rtb-2", PREFERRED, minutes(0)), poll(minutes(5)));
                // Poison: not JSON, and rtb-1 at home under another key. A rebuild that loaded the latter
                // (after the real rtb-1, in key order) would put rtb-1 back home and never see the convergence.
                sendRaw(producer, topics, SCOPE.id() + "/rtb-9", "{not json".getBytes(StandardCharsets.UTF_8));
                sendRaw(producer, topics, SCOPE.id() + "/rtb-8", RecordCodec.observations().encode(table("rtb-1", PREFERRED,
                        minutes(6))));
                send(producer, topics, table("rtb-1", STANDBY, minutes(9)));
                outputs.await("FAILOVER_STARTED", () -> outputs.count(EventType.FAILOVER_STARTED) == 1);
            }

            try (AnalyzerRuntime runtime = AnalyzerRuntime.create(second)) {
                runtime.start();
                awaitTrue("second runtime RUNNING", runtime::ready);
                // Convergence is only seen if the model was rebuilt with rtb-1 on the standby.
                send(producer, topics, table("rtb-2", STANDBY, minutes(10)), poll(minutes(20)),
                        table("rtb-1", PREFERRED, minutes(40)), table("rtb-2", PREFERRED, minutes(41)), poll(minutes(45)));
                outputs.await("FAILBACK_COMPLETED", () -> outputs.count(EventType.FAILBACK_COMPLETED) == 1);
                outputs.drain(Duration.ofSeconds(2));
            }
            outputs.assertExactlyOnce();
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).as("the observations topic is the store's changelog")
                    .doesNotContain("analyzer-restore-it-" + AnalyzerTopology.OBSERVATION_STORE + "-changelog")
                    .contains("analyzer-restore-it-" + AnalyzerTopology.SCOPE_STATE_STORE + "-changelog");
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Observation... list) throws Exception {
        send(producer, AnalyzerTopics.defaults(), list);
    }

    private static void send(KafkaProducer<String, byte[]> producer, AnalyzerTopics topics, Observation... list) throws Exception {
        for (Observation o : list) {
            sendRaw(producer, topics, o.key().value(), RecordCodec.observations().encode(o));
        }
    }

    private static void sendRaw(KafkaProducer<String, byte[]> producer, AnalyzerTopics topics, String key, byte[] value)
            throws Exception {
        // Like the collector: one region, one partition, so the analyzer sees the region in order.
        int partition = Utils.toPositive(Utils.murmur2(SCOPE.id().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        producer.send(new ProducerRecord<>(topics.observations(), partition, key, value)).get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Reads findings and events as committed (read_committed), from the beginning, across both runs. */
    private static final class Outputs implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AnalyzerTopics topics;
        final List<Event> events = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();

        Outputs(AnalyzerTopics topics) {
            this.topics = topics;
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topics.events(), p));
                partitions.add(new TopicPartition(topics.findings(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        long count(EventType type) {
            return events.stream().filter(e -> e.type() == type).count();
        }

        void await(String what, BooleanSupplier condition) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what + "; events so far: "
                            + events.stream().map(Event::type).toList());
                }
                pollOnce();
            }
        }

        /** Keeps reading for a while, so that a duplicate published late would still be caught. */
        void drain(Duration d) {
            long until = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < until) {
                pollOnce();
            }
        }

        private void pollOnce() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.events())) {
                    events.add(RecordCodec.events().decode(r.value()));
                } else {
                    findings.add(RecordCodec.findings().decode(r.value()));
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }

        void assertExactlyOnce() {
            assertThat(events.stream().filter(e -> e.type() != EventType.ROUTE_TARGET).map(Event::type))
                    .containsExactly(EventType.FAILOVER_STARTED, EventType.FAILOVER_CONVERGED,
                            EventType.FAILBACK_STARTED, EventType.FAILBACK_COMPLETED);
            assertThat(events).as("no event published twice").doesNotHaveDuplicates();
            Event converged = events.stream().filter(e -> e.type() == EventType.FAILOVER_CONVERGED).findFirst().orElseThrow();
            assertThat(converged.durationMillis()).isEqualTo(Duration.ofMinutes(1).toMillis());
            // 2 tables x (first sighting + standby + back): six route target reports, once each.
            assertThat(events.stream().filter(e -> e.type() == EventType.ROUTE_TARGET)).hasSize(6);

            assertThat(findings).as("no finding version published twice").doesNotHaveDuplicates();
            List<Finding> failedOver = findings.stream().filter(f -> f.type() == FindingType.FSX_FAILED_OVER).toList();
            assertThat(failedOver).extracting(f -> f.evidence().get("phase"), Finding::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("started", FindingStatus.FIRING),
                    org.assertj.core.groups.Tuple.tuple("converged", FindingStatus.FIRING),
                    org.assertj.core.groups.Tuple.tuple("failing_back", FindingStatus.FIRING),
                    org.assertj.core.groups.Tuple.tuple("failing_back", FindingStatus.RESOLVED));
            assertThat(findings).allSatisfy(f -> assertThat(f.labels()).containsEntry("account", SCOPE.account()));
        }
    }
}
