package io.floatwatch.app.faults;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.notify.FindingNotification.Kind;
import io.floatwatch.analyzer.runtime.DeadLetters;
import io.floatwatch.model.Topics;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.PollCompleted;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Poison on the observations topic, in the very partition of the region whose failover then
 * happens: every record the analyzer cannot use goes to the dead-letter topic with its reason, and
 * the failover after them is still detected and paged. A poisoned partition would stall there.
 */
class PoisonRecordIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SCOPE_ID = RecordCodecFuzzTest.SCOPE.id();

    @Test
    @Timeout(240)
    void shouldDeadLetterEachPoisonRecordWithItsReasonAndKeepDetectingWhenPoisonArrives() throws Exception {
        try (FaultHarness h = new FaultHarness()) {
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");

            Map<String, byte[]> poison = knownPoison();
            List<byte[]> fuzzed = fuzzed(300);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    h.broker.bootstrapServers(), "enable.idempotence", "true"), new StringSerializer(), new ByteArraySerializer())) {
                int partition = Utils.toPositive(Utils.murmur2(SCOPE_ID.getBytes(StandardCharsets.UTF_8))) % 3;
                for (Map.Entry<String, byte[]> p : poison.entrySet()) {
                    producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, partition, p.getKey(), p.getValue())).get();
                }
                for (int i = 0; i < fuzzed.size(); i++) {
                    producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, partition, SCOPE_ID + "/_poll/ec2.route-tables",
                            fuzzed.get(i)));
                }
                producer.flush();
            }

            h.awaitBaseline(WAIT);
            h.route(ROUTE_TABLE_A_ID, STANDBY_ENI_ID);
            FaultHarness.await(() -> h.events(EventType.FAILOVER_STARTED) == 1, WAIT, "the failover after the poison");
            FaultHarness.await(() -> h.findings(Kind.FIRING, FindingType.FSX_FAILED_OVER) == 1, WAIT, "the page");
            assertThat(h.ready()).as("no role crashed").isTrue();

            List<ConsumerRecord<String, byte[]>> dead = deadLetters(h.broker.bootstrapServers(), poison.size());
            Map<String, String> reasons = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> r : dead) {
                Header reason = r.headers().lastHeader(DeadLetters.REASON);
                assertThat(reason).as("reason header on " + r.key()).isNotNull();
                reasons.put(r.key(), new String(reason.value(), StandardCharsets.UTF_8));
            }
            assertThat(reasons.keySet()).as(reasons.toString()).containsAll(poison.keySet());
            assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
            assertThat(reasons.get(SCOPE_ID + "/rtb-not-json")).contains("not JSON");
            assertThat(reasons.get(SCOPE_ID + "/rtb-future")).contains("schemaVersion 99");
            assertThat(reasons.get("no-slashes")).contains("bad key");
            assertThat(reasons.get(SCOPE_ID + "/rtb-other-key")).contains("does not match");
        }
    }

    /** Poison whose treatment is known, keyed by the record key it is sent under. */
    private static Map<String, byte[]> knownPoison() {
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put(SCOPE_ID + "/rtb-not-json", utf8("<Response>not json</Response>"));
        poison.put(SCOPE_ID + "/rtb-array", utf8("[1,2,3]"));
        poison.put(SCOPE_ID + "/rtb-no-version", utf8("{\"kind\":\"RouteTable\"}"));
        poison.put(SCOPE_ID + "/rtb-future", utf8("{\"schemaVersion\":99,\"kind\":\"RouteTable\"}"));
        poison.put(SCOPE_ID + "/rtb-unknown-kind", utf8("{\"schemaVersion\":1,\"kind\":\"Teapot\"}"));
        poison.put(SCOPE_ID + "/rtb-truncated", utf8("{\"schemaVersion\":1,\"kind\":\"RouteTable\",\"scope\":{\"acc"));
        poison.put("no-slashes", RecordCodec.observations().encode(marker()));
        // A valid observation under another resource's key would corrupt that resource's state.
        poison.put(SCOPE_ID + "/rtb-other-key", RecordCodec.observations().encode(marker()));
        return poison;
    }

    private static List<byte[]> fuzzed(int count) {
        Mutator mutator = new Mutator(99L);
        List<byte[]> seeds = RecordCodecFuzzTest.seeds();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(mutator.mutate(seeds.get(i % seeds.size())));
        }
        return out;
    }

    private static PollCompleted marker() {
        return new PollCompleted(RecordCodecFuzzTest.SCOPE, Instant.parse("2026-11-23T00:00:00Z"), "ec2.route-tables",
                PollCompleted.OK, 0, 1, null);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String bootstrap, int atLeast) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "dead-letter-reader", "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && (all.size() < atLeast || System.nanoTime() - quietSince < 2_000_000_000L)) {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(all::add);
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
