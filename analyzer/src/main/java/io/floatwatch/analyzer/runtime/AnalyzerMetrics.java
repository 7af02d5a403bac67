package io.floatwatch.analyzer.runtime;

import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The analyzer's own series, read from {@link AnalyzerStats} and the Kafka Streams client at scrape
 * time (nothing is computed per record beyond the counters):
 *
 * <ul>
 *   <li>{@code floatwatch_analyzer_records_read_total{topic,outcome}}: applied, tombstone, dead_lettered</li>
 *   <li>{@code floatwatch_analyzer_records_written_total{topic}}: findings, events, dead letters</li>
 *   <li>{@code floatwatch_analyzer_dead_letters_total}: records sent to the dead-letter topic</li>
 *   <li>{@code floatwatch_analyzer_stream_state{state}}: 1 for the Kafka Streams state it is in, 0 for the others</li>
 *   <li>{@code floatwatch_analyzer_stream_threads_alive}: stream threads not DEAD</li>
 *   <li>{@code floatwatch_analyzer_restore_remaining_records}, {@code floatwatch_analyzer_restore_restored_records}</li>
 *   <li>{@code floatwatch_analyzer_event_time_lag_seconds{account,region}}: wall clock minus the newest observation time</li>
 *   <li>{@code floatwatch_analyzer_last_record_age_seconds{account,region}}: wall-clock time since a record of the scope arrived</li>
 *   <li>{@code floatwatch_analyzer_consumer_lag_records}: observation records not yet read</li>
 * </ul>
 *
 * Counters are registered at 0 when bound, so {@code increase()} sees the first one.
 */
public final class AnalyzerMetrics {

    public static final String READ = "floatwatch.analyzer.records.read";
    public static final String WRITTEN = "floatwatch.analyzer.records.written";
    public static final String DEAD_LETTERS = "floatwatch.analyzer.dead.letters";
    public static final String STREAM_STATE = "floatwatch.analyzer.stream.state";
    public static final String THREADS_ALIVE = "floatwatch.analyzer.stream.threads.alive";
    public static final String RESTORE_REMAINING = "floatwatch.analyzer.restore.remaining.records";
    public static final String RESTORE_RESTORED = "floatwatch.analyzer.restore.restored.records";
    public static final String EVENT_TIME_LAG = "floatwatch.analyzer.event.time.lag.seconds";
    public static final String LAST_RECORD_AGE = "floatwatch.analyzer.last.record.age.seconds";
    public static final String CONSUMER_LAG = "floatwatch.analyzer.consumer.lag.records";

    private AnalyzerMetrics() {
    }

    public static void bind(MeterRegistry registry, AnalyzerRuntime runtime) {
        AnalyzerStats stats = runtime.stats();
        String input = stats.topics().observations();
        for (AnalyzerStats.Read outcome : AnalyzerStats.Read.values()) {
            FunctionCounter.builder(READ, stats, s -> s.readCount(outcome))
                    .description("Records read from the observations topic, by what became of them")
                    .tag("topic", input).tag("outcome", outcome.label()).register(registry);
        }
        for (String topic : stats.writtenTopics()) {
            FunctionCounter.builder(WRITTEN, stats, s -> s.writtenCount(topic))
                    .description("Records the analyzer wrote, per topic").tag("topic", topic).register(registry);
        }
        FunctionCounter.builder(DEAD_LETTERS, stats, s -> s.readCount(AnalyzerStats.Read.DEAD_LETTERED))
                .description("Observation records sent to the dead-letter topic (undecodable, mis-keyed, or a rule failed)")
                .register(registry);
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(STREAM_STATE, runtime, r -> r.state() == state ? 1 : 0)
                    .description("1 for the state the analyzer's Kafka Streams client is in").tag("state", state.name())
                    .register(registry);
        }
        Gauge.builder(THREADS_ALIVE, runtime, AnalyzerRuntime::liveThreads)
                .description("Stream threads of the analyzer that are not DEAD").register(registry);
        Gauge.builder(RESTORE_REMAINING, runtime.restoreProgress(), RestoreProgress::remaining)
                .description("State-store records still to restore before the analyzer judges again").register(registry);
        Gauge.builder(RESTORE_RESTORED, runtime.restoreProgress(), RestoreProgress::restored)
                .description("State-store records restored so far in the restores under way").register(registry);
        Gauge.builder(CONSUMER_LAG, runtime, AnalyzerMetrics::consumerLag)
                .description("Observation records not yet read by this analyzer, summed over its partitions").register(registry);
        stats.onNewScope(scope -> scopeGauges(registry, stats, scope));
    }

    /** The main consumer's records-lag per partition, as Kafka's client reports it, summed; 0 before any fetch. */
    static double consumerLag(AnalyzerRuntime runtime) {
        double sum = 0;
        for (var entry : runtime.metrics().entrySet()) {
            var name = entry.getKey();
            if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                    && name.tags().containsKey("partition") && !name.tags().getOrDefault("client-id", "").contains("restore")
                    && entry.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    private static void scopeGauges(MeterRegistry registry, AnalyzerStats stats, Scope scope) {
        AnalyzerStats.ScopeMarks marks = stats.scopes().get(scope);
        Gauge.builder(EVENT_TIME_LAG, marks, m -> m.newestObservedAt() == 0 ? Double.NaN
                        : (System.currentTimeMillis() - m.newestObservedAt()) / 1000.0)
                .description("Wall clock minus the newest observation time of the scope (NaN before one arrived)")
                .tag("account", scope.account()).tag("region", scope.region()).strongReference(true).register(registry);
        Gauge.builder(LAST_RECORD_AGE, marks, m -> (System.currentTimeMillis() - m.lastHeard()) / 1000.0)
                .description("Seconds since a record of the scope last arrived (since the analyzer started watching it)")
                .tag("account", scope.account()).tag("region", scope.region()).strongReference(true).register(registry);
    }
}
