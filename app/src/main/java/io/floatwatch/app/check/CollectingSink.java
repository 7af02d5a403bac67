package io.floatwatch.app.check;

import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a one-shot check's collector publishes: a list in memory instead of Kafka. Tombstones cannot occur in one poll. */
final class CollectingSink implements ObservationSink {

    private final List<Observation> observations = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
        if (value != null) {
            observations.add(value);
        }
        return CompletableFuture.completedFuture(null);
    }

    synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    @Override
    public void close() {
        // nothing held
    }
}
