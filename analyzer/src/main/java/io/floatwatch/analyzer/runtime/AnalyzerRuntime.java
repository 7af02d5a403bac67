package io.floatwatch.analyzer.runtime;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The analyzer role: the topology of {@link AnalyzerTopology} running on Kafka Streams. */
public final class AnalyzerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final RestoreProgress restore;
    private final AnalyzerStats stats;
    private volatile boolean started;
    private volatile boolean closing;
    private volatile Throwable failure;

    private AnalyzerRuntime(KafkaStreams streams, RestoreProgress restore, AnalyzerStats stats) {
        this.streams = streams;
        this.restore = restore;
        this.stats = stats;
    }

    public static AnalyzerRuntime create(AnalyzerSettings settings) {
        return create(settings, Map.of());
    }

    /**
     * @param clientProperties extra Kafka Streams and client settings (e.g. {@code security.protocol},
     *                         or a tuning such as {@code commit.interval.ms}); they cannot change the
     *                         application id, the bootstrap servers or weaken exactly-once
     */
    public static AnalyzerRuntime create(AnalyzerSettings settings, Map<String, ?> clientProperties) {
        AnalyzerStats stats = new AnalyzerStats(settings.topics());
        KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(settings, stats),
                AnalyzerTopology.streamsConfig(settings, clientProperties));
        RestoreProgress restore = new RestoreProgress();
        streams.setGlobalStateRestoreListener(restore);
        AnalyzerRuntime runtime = new AnalyzerRuntime(streams, restore, stats);
        // Poison records never get here (they are dead-lettered); what does is a broker or state
        // problem a fresh start may cure. Shutting the client down makes it visible on /readyz and
        // lets the orchestrator restart the process, instead of a thread retrying in a loop.
        streams.setUncaughtExceptionHandler(e -> {
            runtime.failure = e;
            LOG.error("analyzer stream thread failed; shutting the analyzer down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("analyzer state {} -> {}", before, now));
        return runtime;
    }

    public void start() {
        started = true;
        streams.start();
    }

    /**
     * Why the analyzer cannot recover by itself, or null (for /healthz): Kafka Streams failed or shut
     * down without being asked to, or no stream thread is left alive. Not a broker outage: Streams
     * rides that out in REBALANCING or RUNNING, and a restart would only add a restore to it.
     */
    public String liveProblem() {
        if (!started || closing) {
            return null;
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
            Throwable why = failure;
            return "Kafka Streams is " + state + (why == null ? "" : " after a stream thread failed: " + why);
        }
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            var threads = streams.metadataForLocalThreads();
            if (!threads.isEmpty() && threads.stream().allMatch(t -> "DEAD".equals(t.threadState())
                    || "PENDING_SHUTDOWN".equals(t.threadState()))) {
                return "no live stream thread (" + threads.stream().map(t -> t.threadName() + " " + t.threadState()).toList()
                        + ")";
            }
        }
        return null;
    }

    /** Why the analyzer is not judging observations now, or null (for /readyz). */
    public String readyProblem() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.RUNNING) {
            return null;
        }
        if (restore.partitions() > 0) {
            return "Kafka Streams is " + state + ", restoring its stores: " + restore.restored() + " records restored, "
                    + restore.remaining() + " to go over " + restore.partitions() + " partitions";
        }
        return "Kafka Streams is " + state;
    }

    /** Stream threads of this client that are not DEAD, for the metrics. */
    public int liveThreads() {
        try {
            return (int) streams.metadataForLocalThreads().stream().filter(t -> !"DEAD".equals(t.threadState())).count();
        } catch (RuntimeException e) {
            return 0; // not running: no threads to list
        }
    }

    /** What the analyzer counts about itself, for the metrics the app exports. */
    public AnalyzerStats stats() {
        return stats;
    }

    public RestoreProgress restoreProgress() {
        return restore;
    }

    /** For /readyz: true once state is restored and records are being processed. */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** For /healthz: false once the client failed or shut down. */
    public boolean alive() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING && state != KafkaStreams.State.PENDING_SHUTDOWN;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Kafka Streams client's metrics (threads, tasks, its producer and consumers), for reports. */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    @Override
    public void close() {
        closing = true;
        // Leaving the group hands the partitions over at once. Staying in it (the Streams default)
        // would make a restarted analyzer wait out the old member's session timeout (45 s) in
        // REBALANCING: that long without failover detection, for nothing.
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        if (!streams.close(options)) {
            LOG.warn("analyzer did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
