package io.floatwatch.collector.publish;

import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Where observations go: Kafka in production, a list in unit tests. */
public interface ObservationSink extends AutoCloseable {

    /**
     * Sends one record; {@code value} null is a tombstone. The future completes when the record
     * is durably written (acks=all), or exceptionally.
     */
    CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp);

    @Override
    void close();
}
