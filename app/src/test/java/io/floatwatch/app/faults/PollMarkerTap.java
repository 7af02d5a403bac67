package io.floatwatch.app.faults;

import io.floatwatch.model.Topics;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the poll markers the collector publishes, as the analyzer would: the only way the rest of
 * floatwatch learns that a source is fresh, failing or silent.
 */
final class PollMarkerTap implements AutoCloseable {

    private final List<PollCompleted> markers = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean closing;

    PollMarkerTap(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "group.id", "marker-tap-" + System.nanoTime(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.OBSERVATIONS));
        thread = new Thread(this::run, "poll-marker-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.value() == null) {
                        return;
                    }
                    try {
                        Observation o = RecordCodec.observations().decode(r.value());
                        if (o instanceof PollCompleted marker) {
                            markers.add(marker);
                        }
                    } catch (RecordDecodingException e) {
                        // not a marker this tap can read; the analyzer's concern, not this one's
                    }
                });
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<PollCompleted> markers(Predicate<PollCompleted> which) {
        return markers.stream().filter(which).toList();
    }

    static Predicate<PollCompleted> of(String region, String source) {
        return m -> m.scope().region().equals(region) && m.source().equals(source);
    }

    static Predicate<PollCompleted> between(Instant from, Instant to) {
        return m -> !m.observedAt().isBefore(from) && m.observedAt().isBefore(to);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
