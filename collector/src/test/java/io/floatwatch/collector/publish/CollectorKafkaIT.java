package io.floatwatch.collector.publish;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.TestSupport.VIRGINIA;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.CollectorSettingsBuilder;
import io.floatwatch.collector.MutableClock;
import io.floatwatch.collector.PollResult;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class CollectorKafkaIT {

    private static final String TOPIC = "observations-it";
    private static final int PARTITIONS = 4;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldKeyByResourcePartitionByRegionAndTombstoneDeletionsWhenPublishingThroughARealBroker() throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator simulator = AwsSimulator.start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            installBaseline(simulator.region(TOKYO.region()));
            installBaseline(simulator.region(VIRGINIA.region()));
            CollectorSettings settings = CollectorSettingsBuilder.from(TestSupport.settings(simulator, broker.bootstrapServers(), TOKYO, VIRGINIA))
                    .topic(TOPIC).build();
            MutableClock clock = new MutableClock(START);

            try (Collector collector = Collector.create(settings,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), clock, new SimpleMeterRegistry())) {
                assertThat(collector.pollOnce()).allSatisfy(r -> assertThat(r.ok()).isTrue());
                clock.advance(Duration.ofMinutes(1));
                simulator.region(VIRGINIA.region()).removeRouteTable(ROUTE_TABLE_B_ID);
                assertThat(collector.pollOnce()).extracting(PollResult::ok).containsOnly(true);
            }

            // Per scope, first poll: 3 route tables, 1 file system, 2 ENIs, 1 VPC, 2 subnets and one marker per source;
            // second poll: one marker per source per scope plus the tombstone.
            int sources = io.floatwatch.collector.SourceRegistry.ROWS.size();
            List<ConsumerRecord<String, byte[]>> records = readAll(broker.bootstrapServers(), 2 * (9 + sources) + 2 * sources + 1);

            // Every key is account/region/resource-id and every region sits on the partition of its scope.
            assertThat(records).allSatisfy(r -> {
                ResourceKey key = ResourceKey.parse(r.key());
                assertThat(r.partition()).isEqualTo(ScopePartitioner.partitionFor(key.partitionKey(), PARTITIONS));
            });
            assertThat(records).filteredOn(r -> r.key().startsWith(TOKYO.id() + "/")).extracting(ConsumerRecord::partition).containsOnly(
                    ScopePartitioner.partitionFor(TOKYO.region(), PARTITIONS));

            // The deleted table: first its state, then a tombstone at the second poll's time.
            String deletedKey = ResourceKey.of(ACCOUNT, VIRGINIA.region(), ROUTE_TABLE_B_ID).value();
            List<ConsumerRecord<String, byte[]>> deleted = records.stream().filter(r -> r.key().equals(deletedKey)).toList();
            assertThat(deleted).hasSize(2);
            assertThat(deleted.get(1).value()).isNull();
            assertThat(deleted.get(1).timestamp()).isEqualTo(START.plus(Duration.ofMinutes(1)).toEpochMilli());

            // Unchanged resources are not re-sent; the second poll is markers plus the tombstone.
            List<ConsumerRecord<String, byte[]>> second = records.stream()
                    .filter(r -> r.timestamp() == START.plus(Duration.ofMinutes(1)).toEpochMilli()).toList();
            assertThat(second).hasSize(2 * sources + 1);
            List<Observation> markers = second.stream().filter(r -> r.value() != null)
                    .map(r -> RecordCodec.observations().decode(r.value())).toList();
            assertThat(markers).hasSize(2 * sources).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(PollCompleted.class, m -> {
                assertThat(m.ok()).isTrue();
                assertThat(m.observedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            }));
            assertThat(second).extracting(ConsumerRecord::key)
                    .contains(ResourceKey.pollMarker(VIRGINIA, "ec2.route-tables").value(), deletedKey);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "collector-it");
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A short extra wait catches records that should not be there.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        records.sort(java.util.Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp()).thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
