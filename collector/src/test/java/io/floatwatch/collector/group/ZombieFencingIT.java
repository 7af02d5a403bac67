package io.floatwatch.collector.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The case a per-scope lease cannot settle: a replica that owned a scope is paused (a long GC, a frozen node) past its
 * session, the scope goes to another replica, and the paused one wakes up believing it still owns the scope and
 * publishes. Its transaction carries its old group membership, so the broker refuses the commit and nothing it wrote
 * reaches a read_committed reader; the new owner's records do.
 */
class ZombieFencingIT {

    private static final String OBSERVATIONS = "observations-fencing";
    private static final String SCOPES = "scopes-fencing";
    private static final String GROUP = "fencing-collectors";
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");

    @Test
    void shouldAbortWhatAReplicaPublishesAfterItLostItsScopesWhilePaused() throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(OBSERVATIONS, 1, (short) 1), new NewTopic(SCOPES, 1, (short) 1)))
                        .all().get(60, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<byte[], byte[]> paused = member(bootstrap, "paused");
                    KafkaConsumer<byte[], byte[]> taker = member(bootstrap, "taker")) {
                paused.subscribe(List.of(SCOPES));
                awaitAssigned(paused);
                ConsumerGroupMetadata pausedMembership = paused.groupMetadata();
                try (TransactionalObservationSink oldOwner = sink(bootstrap, "paused", pausedMembership)) {
                    oldOwner.send(subnet("subnet-before").key(), subnet("subnet-before"), Instant.now()).get(30, TimeUnit.SECONDS);

                    // The paused replica stops polling: past max.poll.interval.ms it leaves the group and the taker gets the scope.
                    taker.subscribe(List.of(SCOPES));
                    awaitAssigned(taker);
                    try (TransactionalObservationSink newOwner = sink(bootstrap, "taker", taker.groupMetadata())) {
                        assertThatThrownBy(() -> oldOwner.send(subnet("subnet-zombie").key(), subnet("subnet-zombie"), Instant.now())
                                .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
                        newOwner.send(subnet("subnet-after").key(), subnet("subnet-after"), Instant.now()).get(30, TimeUnit.SECONDS);
                    }
                }
            }
            assertThat(committedKeys(bootstrap)).containsExactly(SCOPE.id() + "/subnet-before", SCOPE.id() + "/subnet-after");
        }
    }

    private static SubnetObservation subnet(String id) {
        return new SubnetObservation(SCOPE, Instant.parse("2026-12-06T07:00:00Z"), id, "vpc-1", "10.0.0.0/24", "eu-west-1a", 250);
    }

    private static TransactionalObservationSink sink(String bootstrap, String member, ConsumerGroupMetadata membership) {
        ScopeGroupSettings settings = ScopeGroupSettings.of(GROUP, member);
        // It believes it owns the scope: only the broker can tell it does not any more.
        return new TransactionalObservationSink(bootstrap, OBSERVATIONS, "fencing-" + member, Map.of(), settings, scope -> true,
                () -> membership, scope -> new TopicPartition(SCOPES, 0));
    }

    private static KafkaConsumer<byte[], byte[]> member(String bootstrap, String name) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, name, ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 6000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void awaitAssigned(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (consumer.assignment().isEmpty()) {
            assertThat(System.nanoTime()).as("assigned within 60 s").isLessThan(deadline);
            consumer.poll(Duration.ofMillis(200));
        }
    }

    private static List<String> committedKeys(String bootstrap) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(OBSERVATIONS, 0);
            reader.assign(List.of(p));
            reader.seekToBeginning(List.of(p));
            long end = reader.endOffsets(List.of(p)).get(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (reader.position(p) < end) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                }
            }
        }
        return keys;
    }

}
