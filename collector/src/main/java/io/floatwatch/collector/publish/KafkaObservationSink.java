package io.floatwatch.collector.publish;

import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes observations to the compacted observations topic: key {@code account/region/resource-id},
 * value the versioned JSON, record timestamp the observation time.
 */
public final class KafkaObservationSink implements ObservationSink {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public KafkaObservationSink(String bootstrapServers, String topic, String clientId, Map<String, String> extraProperties) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers, clientId, extraProperties), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The producer's settings; public so the benchmark's plain-Kafka baseline produces exactly as the collector does. */
    public static Map<String, Object> producerProperties(String bootstrapServers, String clientId, Map<String, String> extraProperties) {
        Map<String, Object> props = new HashMap<>(extraProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Set last so extra properties cannot weaken them: a lost or duplicated record would
        // make the analyzer's view of a region wrong until the next change.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ScopePartitioner.class.getName());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A region is one partition, so a poll of 50,000 route tables goes to one partition through at
        // most 5 requests in flight: with the default 16 KB batches that capped a collector at ~8 MB/s
        // (~13,000 observations/s) as soon as the broker took a few ms per request.
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Observations are JSON that repeats itself (keys, ids, the scope). With LZ4 the broker stores,
        // replicates and serves fewer bytes, and in the end-to-end benchmark its request handlers took
        // half the CPU they took on the raw bytes (bench/README.md, end-to-end throughput).
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        return props;
    }

    @Override
    public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] bytes = value == null ? null : ObservationEncoder.encode(value);
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key.value(), bytes), (metadata, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
