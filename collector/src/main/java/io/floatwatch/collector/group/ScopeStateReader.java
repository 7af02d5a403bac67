package io.floatwatch.collector.group;

import io.floatwatch.collector.publish.ScopePartitioner;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back what was last published for some scopes from the compacted observations topic: the latest committed record
 * of every resource key of each scope, tombstones applied, poll markers left out. A region is one partition, so the
 * scopes a replica gains in one rebalance cost one read per region, up to its end at the time of the read.
 */
public final class ScopeStateReader {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeStateReader.class);

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final Duration timeout;

    public ScopeStateReader(String bootstrapServers, String topic, Map<String, String> extraProperties, Duration timeout) {
        Map<String, Object> props = new HashMap<>(extraProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the previous owner committed: an aborted transaction of a fenced replica never happened.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "floatwatch-collector-takeover");
        this.consumerProperties = props;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Every scope's last published observations (empty for a scope never published). */
    public Map<Scope, List<Observation>> read(Collection<Scope> scopes) {
        Map<Scope, Map<String, Observation>> latest = new LinkedHashMap<>();
        scopes.forEach(s -> latest.put(s, new HashMap<>()));
        if (scopes.isEmpty()) {
            return Map.of();
        }
        Map<String, Scope> byId = scopes.stream().collect(Collectors.toMap(Scope::id, s -> s));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(topic, timeout).size();
            Set<TopicPartition> regions = scopes.stream()
                    .map(s -> new TopicPartition(topic, ScopePartitioner.partitionFor(s.region(), partitions))).collect(Collectors.toSet());
            consumer.assign(regions);
            consumer.seekToBeginning(regions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(regions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            int records = 0;
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    apply(r, byId, latest);
                }
            }
            LOG.info("read the last published state of {} scope(s) from {} record(s) of {}", scopes.size(), records, regions);
        }
        Map<Scope, List<Observation>> out = new LinkedHashMap<>();
        latest.forEach((scope, keys) -> out.put(scope, new ArrayList<>(keys.values())));
        return out;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void apply(ConsumerRecord<String, byte[]> r, Map<String, Scope> byId, Map<Scope, Map<String, Observation>> latest) {
        String key = r.key();
        Scope scope;
        try {
            scope = byId.get(ResourceKey.scopeIdOf(key));
        } catch (IllegalArgumentException malformed) {
            return; // not ours to judge: the analyzer sends it to the dead-letter topic
        }
        if (scope == null || key.startsWith(scope.id() + "/" + ResourceKey.POLL_PREFIX)) {
            return;
        }
        Map<String, Observation> keys = latest.get(scope);
        if (r.value() == null) {
            keys.remove(key);
            return;
        }
        try {
            keys.put(key, RecordCodec.observations().decode(r.value()));
        } catch (RuntimeException undecodable) {
            // A record this version cannot read: leave it out, so the first poll publishes the resource afresh.
            keys.remove(key);
        }
    }
}
