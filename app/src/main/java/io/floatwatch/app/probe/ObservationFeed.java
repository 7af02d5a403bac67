package io.floatwatch.app.probe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted observations topic from its start and keeps following it, without a consumer group: every
 * probe needs every file-system record, and nothing is committed. Values are decoded only for keys that can matter
 * ({@link EndpointLearner#relevant}), so the route tables of a large estate cost a key comparison each.
 */
public final class ObservationFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean running = true;

    private ObservationFeed(KafkaConsumer<String, byte[]> consumer, String topic, BiConsumer<String, byte[]> sink) {
        this.consumer = consumer;
        this.thread = new Thread(() -> run(topic, sink), "floatwatch-probe-feed");
        this.thread.setDaemon(true);
    }

    public static ObservationFeed start(String bootstrapServers, Map<String, String> extra, String topic, String clientId,
            BiConsumer<String, byte[]> sink) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        ObservationFeed feed = new ObservationFeed(new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()), topic, sink);
        feed.thread.start();
        return feed;
    }

    private void run(String topic, BiConsumer<String, byte[]> sink) {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    problem.set("topic " + topic + " not found yet");
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            problem.set(null);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    sink.accept(r.key(), r.value());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            problem.set("observation feed stopped: " + e);
            LOG.error("the probe's observation feed stopped; targets are no longer updated", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Null while the feed follows the topic; else why not (only a restart helps once the thread died). */
    public String liveProblem() {
        return thread.isAlive() || !running ? null : problem.get() == null ? "observation feed stopped" : problem.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
