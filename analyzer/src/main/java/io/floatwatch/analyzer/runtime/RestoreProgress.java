package io.floatwatch.analyzer.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far the restore of the analyzer's stores has come: records to restore and restored so far,
 * over every store partition being restored now. Readiness prints it (a restore of 50,000 route
 * tables takes a while, and "REBALANCING" alone does not say whether it moves), and the metrics
 * export it.
 */
public final class RestoreProgress implements StateRestoreListener {

    private final Map<TopicPartition, long[]> active = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        active.put(partition, new long[] {Math.max(0, endingOffset - startingOffset), 0});
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        long[] progress = active.get(partition);
        if (progress != null) {
            progress[1] += numRestored;
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        active.remove(partition);
    }

    /** Records still to restore, over every partition being restored; 0 when none is. */
    public long remaining() {
        return active.values().stream().mapToLong(p -> Math.max(0, p[0] - p[1])).sum();
    }

    /** Records restored so far, over every partition being restored now. */
    public long restored() {
        return active.values().stream().mapToLong(p -> p[1]).sum();
    }

    public int partitions() {
        return active.size();
    }
}
