package io.floatwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One scope whose every call hangs beside one that answers, on the real scheduler: the hung one is
 * reported failed by each poll's deadline, and the healthy one keeps its cadence on threads the
 * hung one cannot take.
 */
class HungScopeTest {

    private static final Scope HUNG = new Scope("123456789012", "eu-west-1");
    private static final Scope HEALTHY = new Scope("123456789012", "ap-northeast-1");
    /** At the shortest deadline (Collector.MIN_POLL_DEADLINE), so the deadline is the interval. */
    private static final Duration INTERVAL = Collector.MIN_POLL_DEADLINE;
    private static final List<String> SOURCES = List.of("fake.first", "fake.second");

    /** A marker as it left the collector, with the wall-clock moment it was sent. */
    record Sent(PollCompleted marker, Instant sentAt) {
    }

    @Test
    @Timeout(60)
    void shouldFailEachHungPollAtItsDeadlineAndKeepTheOtherScopeOnCadenceWhenOneScopeHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Sent> sent = new CopyOnWriteArrayList<>();
        ObservationSink sink = new ObservationSink() {
            @Override
            public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
                if (value instanceof PollCompleted marker) {
                    sent.add(new Sent(marker, Instant.now()));
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        CollectorSettings settings = CollectorSettingsBuilder.from(CollectorSettings.defaults(List.of(HUNG, HEALTHY), "unused:9092"))
                .pollInterval(INTERVAL).jitter(0.1).build();
        List<Source<?>> sources = SOURCES.stream().<Source<?>>map(name -> new HangingSource(name, HUNG, release)).toList();

        Instant from;
        Instant to;
        try (Collector collector = new Collector(settings, sources, sink, Clock.systemUTC(), new SimpleMeterRegistry())) {
            collector.start();
            // The second source's first poll starts 2 s after the first (FIRST_POLL_SPACING); each hung poll fails
            // at 5 s and the next starts at once.
            Thread.sleep(2_500);
            from = Instant.now();
            Thread.sleep(12_000);
            to = Instant.now();
            assertThat(collector.liveProblem()).as("a hung region is no reason to restart the collector").isNull();
            release.countDown();
        }

        for (String source : SOURCES) {
            List<Sent> hung = sent.stream().filter(s -> s.marker().scope().equals(HUNG) && s.marker().source().equals(source)).toList();
            assertThat(hung).as("%s in the hung scope is never reported fresh", source).noneMatch(s -> s.marker().ok());
            assertThat(hung).as("%s in the hung scope fails by its deadline", source).isNotEmpty().allSatisfy(s -> {
                assertThat(s.marker().error()).startsWith("deadline");
                assertThat(Duration.between(s.marker().observedAt(), s.sentAt()))
                        .as("reported within three intervals of the poll's start").isLessThan(INTERVAL.multipliedBy(3));
            });
            long healthy = sent.stream().filter(s -> s.marker().scope().equals(HEALTHY) && s.marker().source().equals(source)
                    && s.marker().ok() && !s.sentAt().isBefore(from) && !s.sentAt().isAfter(to)).count();
            // 12 s at a 5 s interval is 2 or 3 polls: each started on time although every poll of the other scope hung.
            assertThat(healthy).as("%s in the healthy scope keeps its cadence", source).isGreaterThanOrEqualTo(2);
        }
    }

    /** Answers at once in every scope but one, where each call hangs until released. */
    private static final class HangingSource implements Source<List<Observation>> {
        private final String name;
        private final Scope hung;
        private final CountDownLatch release;

        HangingSource(String name, Scope hung, CountDownLatch release) {
            this.name = name;
            this.hung = hung;
            this.release = release;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Observation> fetch(Scope scope) {
            if (scope.equals(hung)) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }

        @Override
        public List<Observation> map(Scope scope, List<Observation> responses, Instant observedAt) {
            return responses;
        }
    }
}
