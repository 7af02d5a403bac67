package io.floatwatch.alerter.runtime;

import io.floatwatch.alerter.Alerter;
import io.floatwatch.alerter.metrics.AlerterMetrics;
import io.floatwatch.alerter.metrics.PipelineMetrics;
import io.floatwatch.alerter.notify.Dispatcher;
import io.floatwatch.alerter.notify.FindingLedger;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Alerter} on a Kafka consumer thread.
 *
 * <p>Restart safety without a database: whenever partitions are assigned, the state is cleared and
 * rebuilt from the beginning of every assigned partition, and only records at or after the group's
 * committed offset are notified; offsets are committed after notifying. A restarted alerter thus
 * serves the same /metrics and does not page twice. A record that cannot be decoded is logged with
 * its coordinates and skipped.
 */
public final class AlerterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlerterRuntime.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final int NOTIFY_ATTEMPTS = 3;
    private static final Duration NOTIFY_BACKOFF = Duration.ofMillis(200);

    private final AlerterSettings settings;
    private final Alerter alerter;
    private final PipelineMetrics pipeline;
    private final AlerterMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ReplayTracker replay = new ReplayTracker();
    private final Thread thread;
    private final Dispatcher dispatcher;
    private final ConsumerHealth health;

    private volatile boolean closing;
    private volatile boolean ready;
    private volatile boolean failed;
    private volatile String failure;
    private volatile Duration stalledAfter = Duration.ofMinutes(2);
    private volatile boolean joined;
    private boolean rebuildPending;

    private AlerterRuntime(AlerterSettings settings, MeterRegistry registry, Notifier notifier) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pipeline = new PipelineMetrics(registry);
        this.dispatcher = new Dispatcher(notifier, pipeline, NOTIFY_ATTEMPTS, NOTIFY_BACKOFF);
        this.pipeline.preRegister(List.of(settings.findingsTopic(), settings.eventsTopic()),
                dispatcher.sinks().stream().map(io.floatwatch.alerter.notify.Sink::name).toList());
        this.metrics = new AlerterMetrics(registry);
        this.alerter = new Alerter(metrics, new FindingLedger(), dispatcher);
        this.health = new ConsumerHealth(registry, List.of(settings.findingsTopic(), settings.eventsTopic()));
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "floatwatch-alerter");
        this.thread.setDaemon(true);
    }

    /**
     * @param registry where the metrics go; the app passes the PrometheusMeterRegistry it serves on /metrics
     * @param notifier where notifications go, e.g. {@link io.floatwatch.alerter.notify.LogNotifier}, or a
     *                 {@link io.floatwatch.alerter.notify.Sinks} whose sinks are retried and counted apart
     */
    public static AlerterRuntime create(AlerterSettings settings, MeterRegistry registry, Notifier notifier) {
        return new AlerterRuntime(settings, Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(notifier, "notifier"));
    }

    static Properties consumerProperties(AlerterSettings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "floatwatch-alerter");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(settings.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // The committed offset means "notified up to here"; only this class may move it.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    public void start() {
        thread.start();
    }

    /** True once the state was rebuilt from every assigned partition: /metrics is complete. For /readyz. */
    public boolean isReady() {
        return ready && !failed;
    }

    /** False after the consume loop stopped on an unexpected error (the process should restart). For /healthz. */
    public boolean isHealthy() {
        return liveProblem() == null;
    }

    /**
     * Why the consume loop cannot recover by itself, or null: it stopped on an error, or its thread
     * ended some other way (an Error escapes every catch here), or it has not come back from a poll
     * for longer than {@code stalledAfter} (a sink or a commit hung). For /healthz.
     */
    public String liveProblem() {
        if (failed) {
            return "consume loop stopped: " + failure;
        }
        if (closing || thread.getState() == Thread.State.NEW) {
            return null;
        }
        if (!thread.isAlive()) {
            return "consume loop thread " + thread.getName() + " ended";
        }
        long silentMillis = System.currentTimeMillis() - health.lastPollMillis();
        if (health.lastPollMillis() > 0 && silentMillis > stalledAfter.toMillis()) {
            return "consume loop has not returned from a poll for " + silentMillis / 1000 + " s (limit "
                    + stalledAfter.toSeconds() + " s)";
        }
        return null;
    }

    /** Why the alerter cannot serve complete metrics and notify now, or null. For /readyz. */
    public String readyProblem() {
        if (isReady()) {
            return null;
        }
        return joined ? "rebuilding metrics from the findings and events topics" : "not yet assigned partitions of "
                + settings.findingsTopic() + " and " + settings.eventsTopic();
    }

    @Override
    public void close() {
        closing = true;
        ready = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close();
        }
        dispatcher.close();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.findingsTopic(), settings.eventsTopic()), new Rebuild());
            while (!closing) {
                process(consumer.poll(POLL_TIMEOUT));
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail(e);
            }
        } catch (KafkaException | IllegalStateException e) {
            fail(e);
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                LOG.warn("closing the alerter consumer failed: {}", e.toString());
            }
        }
    }

    /** How long the loop may stay inside one iteration before liveness fails; tests shorten it. */
    public void stalledAfter(Duration limit) {
        this.stalledAfter = Objects.requireNonNull(limit, "limit");
    }

    private void fail(RuntimeException e) {
        failure = e.toString();
        failed = true;
        ready = false;
        LOG.error("alerter consume loop stopped; findings and events are no longer processed", e);
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> notified = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            boolean live = replay.isLive(tp, record.offset());
            handle(record, live);
            if (live) {
                notified.put(tp, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!notified.isEmpty()) {
            commit(notified);
        }
        if (joined && !replay.replayComplete()) {
            Set<TopicPartition> assigned = consumer.assignment();
            for (TopicPartition tp : replay.replaying()) {
                if (assigned.contains(tp)) {
                    replay.reached(tp, consumer.position(tp));
                }
            }
        }
        boolean nowReady = joined && replay.replayComplete();
        if (nowReady && !ready) {
            LOG.info("alerter state rebuilt from {} partitions; serving complete metrics", consumer.assignment().size());
            alerter.restored();
        }
        ready = nowReady;
        health.polled(consumer);
        metrics.retire();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> replay.acknowledged(tp, offset.offset()));
        } catch (KafkaException e) {
            // The next assignment replays from the last good commit, so these may be notified again.
            LOG.warn("committing notified offsets {} failed; they may be notified again after a rebalance: {}", offsets,
                    e.toString());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, boolean live) {
        try {
            if (record.topic().equals(settings.findingsTopic())) {
                Finding finding = RecordCodec.findings().decode(record.value());
                alerter.onFinding(record.key(), finding, live);
                pipeline.record(record.topic(), PipelineMetrics.APPLIED);
            } else {
                Event event = RecordCodec.events().decode(record.value());
                if (event == null) {
                    return;
                }
                boolean usable = alerter.onEvent(event, live);
                pipeline.record(record.topic(), usable ? PipelineMetrics.APPLIED : PipelineMetrics.UNUSABLE);
                if (!usable) {
                    LOG.warn("skipped {} event at {}-{}@{}: it lacks floating_ip or route_table_id", event.type(),
                            record.topic(), record.partition(), record.offset());
                }
            }
        } catch (RecordDecodingException e) {
            pipeline.record(record.topic(), PipelineMetrics.UNDECODABLE);
            LOG.error("skipped undecodable record at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug in handling one record must not stop every later notification.
            pipeline.record(record.topic(), PipelineMetrics.UNUSABLE);
            LOG.error("failed to handle record at {}-{}@{} (key {}); skipped", record.topic(), record.partition(),
                    record.offset(), record.key(), e);
        }
    }

    /** Rebuilds the state from the beginning whenever the assignment changes. */
    private final class Rebuild implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                partitions.forEach(replay::forget);
                rebuildPending = true;
                ready = false;
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (joined && partitions.isEmpty() && !rebuildPending) {
                return;
            }
            Set<TopicPartition> all = new HashSet<>(consumer.assignment());
            alerter.reset();
            Map<TopicPartition, Long> committed = new HashMap<>();
            consumer.committed(all).forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset.offset());
                }
            });
            consumer.seekToBeginning(all);
            replay.begin(committed, consumer.endOffsets(all));
            joined = true;
            rebuildPending = false;
            ready = false;
            LOG.info("assigned {}; rebuilding state from the beginning, notifying from committed offsets {}", all,
                    committed);
        }
    }
}
