package io.floatwatch.alerter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayTrackerTest {

    private final TopicPartition findings = new TopicPartition("floatwatch.findings", 0);
    private final TopicPartition events = new TopicPartition("floatwatch.events", 0);
    private final ReplayTracker tracker = new ReplayTracker();

    @Test
    void shouldReplaySilentlyBelowTheCommittedOffsetWhenAssigned() {
        tracker.begin(Map.of(findings, 5L), Map.of(findings, 8L, events, 3L));

        assertThat(tracker.isLive(findings, 4)).isFalse();
        assertThat(tracker.isLive(findings, 5)).isTrue();
        assertThat(tracker.isLive(events, 0)).as("no commit yet: nothing was told").isTrue();
    }

    @Test
    void shouldBecomeCompleteWhenEveryPartitionReachedItsEndOffset() {
        tracker.begin(Map.of(), Map.of(findings, 8L, events, 0L));
        assertThat(tracker.replayComplete()).isFalse();

        tracker.reached(findings, 7);
        assertThat(tracker.replayComplete()).isFalse();

        tracker.reached(findings, 8);
        assertThat(tracker.replayComplete()).isTrue();
    }

    @Test
    void shouldNeverMoveTheNotifyMarkBackWhenAcknowledgingAnOlderOffset() {
        tracker.begin(Map.of(findings, 10L), Map.of(findings, 12L));

        tracker.acknowledged(findings, 4);

        assertThat(tracker.isLive(findings, 9)).isFalse();
    }

    @Test
    void shouldNotWaitForARevokedPartitionWhenForgotten() {
        tracker.begin(Map.of(), Map.of(findings, 8L));

        tracker.forget(findings);

        assertThat(tracker.replayComplete()).isTrue();
    }
}
