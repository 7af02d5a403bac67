package io.floatwatch.app.check;

import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.aws.AwsCallMetrics;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One complete poll of every source of the {@link io.floatwatch.collector.SourceRegistry} in every scope, in the
 * registry's order (the sources that feed others first), by the collector the {@code all} role runs, publishing
 * into memory instead of Kafka. A source added to the registry is polled here without a change.
 */
public final class OnePoll {

    /** What the poll saw (observations and one marker per scope and source) and the AWS requests it sent. */
    public record Polled(List<Observation> observations, List<AwsCallCount> calls) {
    }

    private OnePoll() {
    }

    /** @param credentials null for the default credential chain */
    public static Polled run(CollectorSettings settings, AwsCredentialsProvider credentials, Clock clock) {
        MeterRegistry registry = new SimpleMeterRegistry();
        CollectingSink sink = new CollectingSink();
        try (AwsClients clients = credentials == null ? new AwsClients(settings.awsAccess(), registry)
                : new AwsClients(settings.awsAccess(), credentials, registry)) {
            Sightings sightings = new Sightings();
            try (Collector collector = new Collector(settings, Collector.sources(clients, settings, clock, sightings), sink, clock,
                    registry, sightings)) {
                collector.pollOnce();
            }
        }
        List<Observation> observations = sink.observations();
        return new Polled(observations, calls(registry, metricsRequested(observations)));
    }

    /** Requests per service and operation from the collector's own call counters (every attempt, retries included). */
    static List<AwsCallCount> calls(MeterRegistry registry, long metrics) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Counter c : registry.find(AwsCallMetrics.REQUESTS).counters()) {
            long n = (long) c.count();
            if (n == 0) {
                continue;
            }
            long[] sum = counts.computeIfAbsent(c.getId().getTag("service") + " " + c.getId().getTag("operation"), k -> new long[2]);
            sum[0] += n;
            if (!"success".equals(c.getId().getTag("outcome"))) {
                sum[1] += n;
            }
        }
        List<AwsCallCount> out = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] so = key.split(" ", 2);
            out.add(new AwsCallCount(so[0], so[1], n[0], n[1], "GetMetricData".equals(so[1]) ? metrics : 0));
        });
        return out;
    }

    /** One TunnelState metric per tunnel the CloudWatch source asked for: the resources its poll markers counted. */
    private static long metricsRequested(List<Observation> observations) {
        return observations.stream().filter(PollCompleted.class::isInstance).map(PollCompleted.class::cast)
                .filter(m -> m.source().equals(io.floatwatch.collector.cloudwatch.TunnelStateSource.NAME) && m.ok())
                .mapToLong(PollCompleted::resourceCount).sum();
    }
}
