package io.floatwatch.alerter.runtime;

import io.floatwatch.alerter.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Is the alerter keeping up? Lag per topic and the time of the last poll, both read from what the
 * consumer already knows after a poll (no extra broker round trip), so they cost nothing per record.
 * A stuck loop shows as a last-poll timestamp that stops moving, which a rule compares with time().
 */
final class ConsumerHealth {

    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
    private final AtomicLong lastPollMillis = new AtomicLong();
    private long lastLagUpdate;

    ConsumerHealth(MeterRegistry registry, List<String> topics) {
        for (String topic : topics) {
            AtomicLong lag = new AtomicLong();
            lagByTopic.put(topic, lag);
            Gauge.builder(MetricNames.CONSUMER_LAG, lag, AtomicLong::get)
                    .description("Records on the topic not yet read by this alerter (summed over its partitions)")
                    .tag(MetricNames.TOPIC, topic).register(registry);
        }
        Gauge.builder(MetricNames.LAST_POLL, lastPollMillis, v -> v.get() / 1000.0)
                .description("Unix time the alerter's consume loop last returned from a poll")
                .register(registry);
    }

    /** Unix millis of the last poll's return; 0 before the first. */
    long lastPollMillis() {
        return lastPollMillis.get();
    }

    /** Called on the consumer thread after every poll. */
    void polled(Consumer<?, ?> consumer) {
        long now = System.currentTimeMillis();
        lastPollMillis.set(now);
        if (now - lastLagUpdate < 1000) {
            return;
        }
        lastLagUpdate = now;
        Map<String, Long> sums = new java.util.HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                sums.merge(tp.topic(), lag.getAsLong(), Long::sum);
            }
        }
        lagByTopic.forEach((topic, holder) -> holder.set(sums.getOrDefault(topic, 0L)));
    }
}
