package io.floatwatch.collector.group;

import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.fsx.StorageVirtualMachineSource;
import io.floatwatch.collector.publish.ScopePartitioner;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the file systems and SVMs every replica publishes in the configured regions, into {@link Sightings#peer}: a
 * region's TGW route tables are searched for the floating IPs of every account of the region, and in group mode the
 * accounts' scopes of one region may be polled by different replicas. Only keys of those two kinds are decoded; the
 * rest of the region's records (route tables by the ten thousand) are skipped by their key.
 */
final class RegionFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegionFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Set<String> regions;
    private final Map<String, Scope> scopes = new HashMap<>();
    private final Sightings sightings;
    /** scope -> key -> the latest file system or SVM published there. */
    private final Map<Scope, Map<String, Observation>> seen = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RegionFollower(String bootstrapServers, String topic, Map<String, String> extraProperties, Collection<Scope> configured,
            Sightings sightings) {
        Map<String, Object> props = new HashMap<>(extraProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "floatwatch-collector-region-follower");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.sightings = sightings;
        this.regions = new HashSet<>();
        configured.forEach(s -> {
            regions.add(s.region());
            scopes.put(s.id(), s);
        });
        this.thread = new Thread(this::run, "floatwatch-collector-region-follower");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            int partitions = consumer.partitionsFor(topic, Duration.ofMinutes(1)).size();
            Set<TopicPartition> assigned = new HashSet<>();
            regions.forEach(r -> assigned.add(new TopicPartition(topic, ScopePartitioner.partitionFor(r, partitions))));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            while (running) {
                Set<Scope> changed = new HashSet<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r, changed);
                }
                for (Scope scope : changed) {
                    List<Observation> fileSystems = new ArrayList<>();
                    List<Observation> svms = new ArrayList<>();
                    seen.get(scope).values().forEach(o -> (o instanceof FileSystemObservation ? fileSystems : svms).add(o));
                    sightings.peer(scope, FileSystemSource.NAME, fileSystems);
                    sightings.peer(scope, StorageVirtualMachineSource.NAME, svms);
                }
            }
        } catch (WakeupException closing) {
            // close()
        } catch (RuntimeException e) {
            LOG.warn("following the region's file systems stopped; TGW searches ask only for the accounts this replica polls: {}",
                    e.toString());
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r, Set<Scope> changed) {
        String key = r.key();
        Scope scope;
        String resource;
        try {
            scope = scopes.get(ResourceKey.scopeIdOf(key));
            resource = key.substring(ResourceKey.scopeIdOf(key).length() + 1);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        if (scope == null || !(resource.startsWith("fs-") || resource.startsWith("svm-"))) {
            return;
        }
        Map<String, Observation> of = seen.computeIfAbsent(scope, s -> new HashMap<>());
        Observation o = null;
        try {
            o = RecordCodec.observations().decode(r.value());
        } catch (RuntimeException undecodable) {
            // left out, as the analyzer's dead-letter path does
        }
        if (o instanceof FileSystemObservation || o instanceof StorageVirtualMachineObservation) {
            of.put(key, o);
        } else {
            of.remove(key);
        }
        changed.add(scope);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
