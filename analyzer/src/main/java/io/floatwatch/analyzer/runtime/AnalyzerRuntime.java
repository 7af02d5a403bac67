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

    private AnalyzerRuntime(KafkaStreams streams) {
        this.streams = streams;
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
        KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(settings),
                AnalyzerTopology.streamsConfig(settings, clientProperties));
        // Poison records never get here (they are dead-lettered); what does is a broker or state
        // problem a fresh start may cure. Shutting the client down makes it visible on /readyz and
        // lets the orchestrator restart the process, instead of a thread retrying in a loop.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("analyzer stream thread failed; shutting the analyzer down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("analyzer state {} -> {}", before, now));
        return new AnalyzerRuntime(streams);
    }

    public void start() {
        streams.start();
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
