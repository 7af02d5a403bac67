package io.floatwatch.bench.e2e;

import io.floatwatch.model.Topics;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.json.RecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What an alerter sees: a read_committed consumer on the findings and events topics, counting
 * what arrives and noting when the sentinel's FAILOVER_CONVERGED event and FSX_FAILED_OVER finding
 * (both at the sentinel's event time) were consumed.
 */
final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final String sentinelSubject;
    private final String sentinelFindingId;
    private volatile Instant sentinelAt;
    private final CountDownLatch sentinelEvent = new CountDownLatch(1);
    private final CountDownLatch sentinelFinding = new CountDownLatch(1);
    private volatile long sentinelNanos;
    private volatile long sentinelFindingNanos;
    private final AtomicLong findings = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Map<EventType, AtomicLong> byType = new EnumMap<>(EventType.class);
    private volatile boolean running = true;

    OutputWatcher(String bootstrapServers, String sentinelSubject) {
        this.sentinelSubject = sentinelSubject;
        this.sentinelFindingId = Finding.idOf(FindingType.FSX_FAILED_OVER, sentinelSubject);
        for (EventType t : EventType.values()) {
            byType.put(t, new AtomicLong());
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-bench-watcher",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.FINDINGS, Topics.EVENTS));
        thread = new Thread(this::run, "e2e-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The sentinel's event time; records before this is set are only counted. */
    void expectSentinelAt(Instant at) {
        sentinelAt = at;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    if (r.topic().equals(Topics.EVENTS)) {
                        events.incrementAndGet();
                        if (r.value() != null) {
                            Event e = RecordCodec.events().decode(r.value());
                            byType.get(e.type()).incrementAndGet();
                            if (sentinelSubject.equals(r.key()) && e.type() == EventType.FAILOVER_CONVERGED
                                    && e.at().equals(sentinelAt)) {
                                sentinelNanos = System.nanoTime();
                                sentinelEvent.countDown();
                            }
                        }
                    } else {
                        findings.incrementAndGet();
                        if (sentinelFindingId.equals(r.key()) && r.value() != null && sentinelAt != null
                                && sentinelAt.equals(RecordCodec.findings().decode(r.value()).updatedAt())) {
                            sentinelFindingNanos = System.nanoTime();
                            sentinelFinding.countDown();
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits for the sentinel; returns System.nanoTime() when the later of its event and its finding
     * was consumed (the event alone if the finding did not come within the timeout), or -1 when the
     * event did not come.
     */
    long awaitSentinel(Duration timeout, BooleanSupplier analyzerAlive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sentinelEvent.await(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline || !analyzerAlive.getAsBoolean()) {
                return -1;
            }
        }
        if (sentinelFinding.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return Math.max(sentinelNanos, sentinelFindingNanos);
        }
        return sentinelNanos;
    }

    boolean sentinelFindingSeen() {
        return sentinelFinding.getCount() == 0;
    }

    long findings() {
        return findings.get();
    }

    long events() {
        return events.get();
    }

    long events(EventType type) {
        return byType.get(type).get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
