package io.floatwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.SubnetObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the publisher sends for a poll, and what it remembers as published: the Kafka round trip is
 * CollectorKafkaIT's; this is the diffing and the bookkeeping around failed sends.
 */
class ObservationPublisherTest {

    private static final Scope SCOPE = new Scope("111122223333", "eu-west-1");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** Records every send; keys in {@link #failing} fail, as a broker that never acknowledged them. */
    private static final class RecordingSink implements ObservationSink {
        final List<String> sent = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
            sent.add(value == null ? "tombstone " + key.resourceId()
                    : value instanceof PollCompleted marker ? "marker " + marker.outcome() + " " + marker.resourceCount()
                    : "record " + key.resourceId());
            return failing.contains(key.resourceId()) ? CompletableFuture.failedFuture(new IllegalStateException("not acknowledged"))
                    : CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }

        List<String> drain() {
            List<String> out = List.copyOf(sent);
            sent.clear();
            return out;
        }
    }

    private final RecordingSink sink = new RecordingSink();
    private final ObservationPublisher publisher = new ObservationPublisher(sink, Duration.ofSeconds(5));

    private static SubnetObservation subnet(String id, String cidr, Instant at) {
        return new SubnetObservation(SCOPE, at, id, "vpc-1", cidr, "eu-west-1a", 250);
    }

    private int publish(Instant at, SubnetObservation... observations) {
        return publisher.publishPoll(SCOPE, "subnets", List.of(observations), at, Duration.ofMillis(20));
    }

    @Test
    void shouldSendEveryResourceOnceThenOnlyWhatChangedOrDisappeared() {
        assertThat(publish(T0, subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-b", "10.0.1.0/24", T0),
                subnet("subnet-c", "10.0.2.0/24", T0))).isEqualTo(3);
        assertThat(sink.drain()).containsExactly("record subnet-a", "record subnet-b", "record subnet-c", "marker ok 3");

        Instant t1 = T0.plusSeconds(30);
        assertThat(publish(t1, subnet("subnet-a", "10.0.0.0/24", t1), subnet("subnet-b", "10.0.1.0/24", t1),
                subnet("subnet-c", "10.0.2.0/24", t1))).isZero();
        assertThat(sink.drain()).as("only observedAt moved: one marker").containsExactly("marker ok 3");

        Instant t2 = t1.plusSeconds(30);
        assertThat(publish(t2, subnet("subnet-a", "10.0.0.0/24", t2), subnet("subnet-b", "10.0.9.0/24", t2))).isEqualTo(2);
        assertThat(sink.drain()).containsExactly("record subnet-b", "tombstone subnet-c", "marker ok 2");
    }

    @Test
    void shouldSendAResourceAgainAtTheNextPollWhenItsSendFailed() {
        sink.failing.add("subnet-b");
        assertThatThrownBy(() -> publish(T0, subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-b", "10.0.1.0/24", T0)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("subnets").hasMessageContaining("not acknowledged");
        sink.drain();

        sink.failing.clear();
        Instant t1 = T0.plusSeconds(30);
        assertThat(publish(t1, subnet("subnet-a", "10.0.0.0/24", t1), subnet("subnet-b", "10.0.1.0/24", t1))).isEqualTo(1);
        assertThat(sink.drain()).as("subnet-a was acknowledged, subnet-b was not").containsExactly("record subnet-b", "marker ok 2");
    }

    @Test
    void shouldTombstoneAgainAtTheNextPollWhenTheTombstoneFailed() {
        publish(T0, subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-b", "10.0.1.0/24", T0));
        sink.drain();
        sink.failing.add("subnet-b");
        Instant t1 = T0.plusSeconds(30);
        assertThatThrownBy(() -> publish(t1, subnet("subnet-a", "10.0.0.0/24", t1))).isInstanceOf(PublishException.class);
        assertThat(sink.drain()).containsExactly("tombstone subnet-b", "marker ok 1");

        sink.failing.clear();
        Instant t2 = t1.plusSeconds(30);
        assertThat(publish(t2, subnet("subnet-a", "10.0.0.0/24", t2))).isEqualTo(1);
        assertThat(sink.drain()).containsExactly("tombstone subnet-b", "marker ok 1");
        assertThat(publish(t2.plusSeconds(30), subnet("subnet-a", "10.0.0.0/24", t2))).isZero();
    }

    @Test
    void shouldSendTheLastOfTwoObservationsOfOneResourceInAPoll() {
        publish(T0, subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-a", "10.0.5.0/24", T0));
        assertThat(sink.drain()).containsExactly("record subnet-a", "marker ok 1");
        assertThat(publish(T0.plusSeconds(30), subnet("subnet-a", "10.0.5.0/24", T0))).isZero();
    }

    @Test
    void shouldPublishOnlyRealChangesWhenItTakesAScopeOverFromWhatThePreviousOwnerPublished() {
        publisher.takeOver(SCOPE, "subnets", List.of(subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-b", "10.0.1.0/24", T0),
                subnet("subnet-c", "10.0.2.0/24", T0)), null);
        Instant t1 = T0.plusSeconds(30);
        assertThat(publish(t1, subnet("subnet-a", "10.0.0.0/24", t1), subnet("subnet-b", "10.0.9.0/24", t1))).isEqualTo(2);
        assertThat(sink.drain()).as("unchanged a not sent again; b changed; c gone since the previous owner's poll")
                .containsExactly("record subnet-b", "tombstone subnet-c", "marker ok 2");
    }

    @Test
    void shouldHoldTakenOverTombstonesUntilTheSourceTheyWaitForCompletedAPoll() {
        publisher.takeOver(SCOPE, "subnets", List.of(subnet("subnet-a", "10.0.0.0/24", T0), subnet("subnet-b", "10.0.1.0/24", T0)),
                "inventory");
        Instant t1 = T0.plusSeconds(30);
        assertThat(publish(t1, subnet("subnet-a", "10.0.0.0/24", t1))).isZero();
        assertThat(sink.drain()).as("b not re-read yet: not gone").containsExactly("marker ok 1");

        publisher.publishFailure(SCOPE, "inventory", t1, Duration.ofMillis(5), "failed");
        assertThat(publish(t1.plusSeconds(1), subnet("subnet-a", "10.0.0.0/24", t1))).as("a failed inventory releases nothing").isZero();
        sink.drain();

        publisher.publishMarker(SCOPE, "inventory", 1, t1, Duration.ofMillis(5));
        sink.drain();
        Instant t2 = t1.plusSeconds(30);
        assertThat(publish(t2, subnet("subnet-a", "10.0.0.0/24", t2))).isEqualTo(1);
        assertThat(sink.drain()).containsExactly("tombstone subnet-b", "marker ok 1");
    }

    @Test
    void shouldStartAScopeAfreshWhenItWasForgotten() {
        publish(T0, subnet("subnet-a", "10.0.0.0/24", T0));
        sink.drain();
        publisher.forget(SCOPE);
        assertThat(publish(T0.plusSeconds(30), subnet("subnet-a", "10.0.0.0/24", T0))).isEqualTo(1);
    }
}
