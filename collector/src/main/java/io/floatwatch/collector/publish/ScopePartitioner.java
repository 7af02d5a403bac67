package io.floatwatch.collector.publish;

import io.floatwatch.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Partitions by the key's region only, so every record of one region, of every account, lands on one
 * partition and one analyzer task sees the region's whole topology, in order: paths cross accounts.
 */
public final class ScopePartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        return partitionFor(ResourceKey.regionOf((String) key), partitions);
    }

    /** The partition of a region in a topic with {@code partitions} partitions. */
    public static int partitionFor(String region, int partitions) {
        return Utils.toPositive(Utils.murmur2(region.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
