package io.floatwatch.alerter.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The alerter's own health: what happened to each record and each notification. These survive a
 * rebuild (they count work done by this process, not state of the watched systems).
 */
public final class PipelineMetrics {

    /** Outcome of a record: applied to the state, or skipped because it could not be decoded or used. */
    public static final String APPLIED = "applied";
    public static final String UNDECODABLE = "undecodable";
    public static final String UNUSABLE = "unusable";
    /** Outcome of a notification. */
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every record and notification counter at 0, so a rule's {@code increase()} sees the first failed
     * notification or undecodable record (a series that appears at 1 has no earlier sample to rise from).
     */
    public void preRegister(List<String> topics, List<String> sinks) {
        for (String topic : topics) {
            for (String outcome : List.of(APPLIED, UNDECODABLE, UNUSABLE)) {
                Counter.builder(MetricNames.RECORDS).description("Records read from the findings and events topics, by outcome")
                        .tags(MetricNames.TOPIC, topic, MetricNames.OUTCOME, outcome).register(registry);
            }
        }
        for (String sink : sinks) {
            for (String outcome : List.of(SENT, FAILED)) {
                Counter.builder(MetricNames.NOTIFICATIONS).description("Notifications handed to a sink, by sink and outcome")
                        .tags(MetricNames.SINK, sink, MetricNames.OUTCOME, outcome).register(registry);
            }
        }
    }

    public void record(String topic, String outcome) {
        Counter.builder(MetricNames.RECORDS).description("Records read from the findings and events topics, by outcome")
                .tags(MetricNames.TOPIC, topic, MetricNames.OUTCOME, outcome).register(registry).increment();
    }

    /** @param sink the sink's configured name, e.g. {@code alertmanager}, {@code log}, {@code slack-storage} */
    public void notification(String sink, String outcome) {
        Counter.builder(MetricNames.NOTIFICATIONS).description("Notifications handed to a sink, by sink and outcome")
                .tags(MetricNames.SINK, sink, MetricNames.OUTCOME, outcome).register(registry).increment();
    }
}
