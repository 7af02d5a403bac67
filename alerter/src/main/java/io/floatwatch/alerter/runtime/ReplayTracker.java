package io.floatwatch.alerter.runtime;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition: where notifying starts (the group's committed offset, i.e. what an earlier run
 * already told people) and where the rebuild of the state is complete (the end offset when the
 * partition was assigned). Records before the first are replayed silently.
 */
final class ReplayTracker {

    private final Map<TopicPartition, Long> notifyFrom = new HashMap<>();
    private final Map<TopicPartition, Long> replayEnd = new HashMap<>();

    /** A partition without a committed offset has notified nothing yet: all its records are live. */
    void begin(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets) {
        notifyFrom.clear();
        replayEnd.clear();
        endOffsets.forEach((tp, end) -> {
            notifyFrom.put(tp, committed.getOrDefault(tp, 0L));
            if (end > 0) {
                replayEnd.put(tp, end);
            }
        });
    }

    boolean isLive(TopicPartition tp, long offset) {
        return offset >= notifyFrom.getOrDefault(tp, 0L);
    }

    /** Live records up to {@code nextOffset} were notified and committed. */
    void acknowledged(TopicPartition tp, long nextOffset) {
        notifyFrom.merge(tp, nextOffset, Math::max);
    }

    void reached(TopicPartition tp, long position) {
        Long end = replayEnd.get(tp);
        if (end != null && position >= end) {
            replayEnd.remove(tp);
        }
    }

    /** A revoked partition no longer holds back readiness; the next assignment starts over anyway. */
    void forget(TopicPartition tp) {
        notifyFrom.remove(tp);
        replayEnd.remove(tp);
    }

    boolean replayComplete() {
        return replayEnd.isEmpty();
    }

    Iterable<TopicPartition> replaying() {
        return Map.copyOf(replayEnd).keySet();
    }

    void clear() {
        notifyFrom.clear();
        replayEnd.clear();
    }
}
