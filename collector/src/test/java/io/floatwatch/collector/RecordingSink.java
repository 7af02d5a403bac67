package io.floatwatch.collector;

import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Keeps what would have gone to Kafka; can reject sends to model a broker outage. */
public final class RecordingSink implements ObservationSink {

    public record Sent(ResourceKey key, Observation value, Instant timestamp) {
        public boolean tombstone() {
            return value == null;
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private Predicate<ResourceKey> failWhen = k -> false;

    /** The next {@code times} sends whose key matches fail. */
    public synchronized void failNext(int times, Predicate<ResourceKey> which) {
        failures.set(times);
        failWhen = which;
    }

    @Override
    public synchronized CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
        if (failWhen.test(key) && failures.getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        sent.add(new Sent(key, value, timestamp));
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<Sent> drain() {
        List<Sent> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    @Override
    public void close() {
    }
}
