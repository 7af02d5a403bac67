package io.floatwatch.collector.cloudwatch;

import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.aws.SourceException;
import io.floatwatch.collector.vpn.VpnConnectionSource;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.TunnelStateObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * CloudWatch {@code AWS/VPN TunnelState} per tunnel, by the TunnelIpAddress dimension, for the
 * tunnels the VPN source last saw in the scope; each joined to its VPN connection.
 *
 * <p>GetMetricData is billed per metric requested, whatever the window: one poll asks one metric
 * per tunnel, up to 500 per call, so the cadence alone sets the bill (hourly by default: $1.44 a
 * month per 200 tunnels, see collector/README.md). The window therefore reaches back to the end of
 * the previous successful poll of the scope, so no 5-minute datapoint falls between two polls, plus
 * {@link #LATE_DATAPOINTS} because CloudWatch publishes a period minutes after it ends. The
 * VgwTelemetry of the free DescribeVpnConnections (every 60 s) is the fast signal; this is the
 * cross-check.
 *
 * <p>Wire facts handled here: datapoints come newest first by default, but the newest is picked by
 * timestamp rather than position; the same query Id repeats across pages with StatusCode
 * PartialData, so pages are merged by Id; a series keyed by VpnId instead of TunnelIpAddress is a
 * different series and is not asked for.
 */
public final class TunnelStateSource implements Source<TunnelStateSource.Snapshot> {

    public static final String NAME = "cloudwatch.tunnel-state";
    public static final String OPERATION = "GetMetricData";
    static final int QUERIES_PER_CALL = 500;
    /** The model's period, in the seconds GetMetricData takes. */
    static final int PERIOD_SECONDS = (int) TunnelStateObservation.PERIOD.toSeconds();
    /** The window of a scope's first poll: the default cadence. */
    static final Duration FIRST_WINDOW = Duration.ofHours(1);
    /** Datapoints land minutes after their period; re-asking this much of the previous window costs nothing. */
    static final Duration LATE_DATAPOINTS = Duration.ofMinutes(15);
    /** After a long outage, bound the answer's size rather than fetch days of history. */
    static final Duration MAX_WINDOW = Duration.ofHours(24);

    /** The merged datapoints of one tunnel's series. */
    public record Series(String tunnelIpAddress, String vpnConnectionId, List<Instant> timestamps, List<Double> values) {
    }

    public record Snapshot(List<Series> series) {
    }

    private final AwsClients clients;
    private final Sightings sightings;
    private final Clock clock;
    /** Scope id -> end of the window of its last successful fetch. */
    private final Map<String, Instant> lastEnd = new ConcurrentHashMap<>();

    public TunnelStateSource(AwsClients clients, Sightings sightings, Clock clock) {
        this.clients = clients;
        this.sightings = sightings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Snapshot fetch(Scope scope) {
        if (!sightings.lastPollOk(scope, VpnConnectionSource.NAME)) {
            // Without a current tunnel list, an empty answer would read as "no tunnels": report a gap instead.
            throw SourceException.blocked(OPERATION, VpnConnectionSource.NAME, "no successful " + VpnConnectionSource.NAME
                    + " poll of this scope (yet, or its last one failed), so the tunnels to ask for are unknown");
        }
        Map<String, String> tunnels = sightings.tunnels(scope);
        if (tunnels.isEmpty()) {
            return new Snapshot(List.of());
        }
        Instant end = alignToPeriod(clock.instant());
        Instant start = windowStart(lastEnd.get(scope.id()), end);
        List<String> ips = new ArrayList<>(tunnels.keySet());
        Map<String, List<Instant>> timestamps = new LinkedHashMap<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        CloudWatchClient cloudWatch = clients.cloudWatch(scope);
        for (int from = 0; from < ips.size(); from += QUERIES_PER_CALL) {
            List<MetricDataQuery> queries = new ArrayList<>();
            for (int i = from; i < Math.min(ips.size(), from + QUERIES_PER_CALL); i++) {
                queries.add(query("t" + i, ips.get(i)));
            }
            AwsCalls.call(OPERATION, () -> {
                cloudWatch.getMetricDataPaginator(r -> r.metricDataQueries(queries).startTime(start).endTime(end)
                                .scanBy(ScanBy.TIMESTAMP_DESCENDING))
                        .stream().flatMap(page -> page.metricDataResults().stream())
                        .forEach(result -> merge(result, timestamps, values));
                return null;
            });
        }
        lastEnd.put(scope.id(), end);
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            String id = "t" + i;
            series.add(new Series(ips.get(i), tunnels.get(ips.get(i)), timestamps.getOrDefault(id, List.of()),
                    values.getOrDefault(id, List.of())));
        }
        return new Snapshot(series);
    }

    /** Period boundaries: CloudWatch aggregates 5-minute periods from them, so aligned windows never cut a period. */
    static Instant alignToPeriod(Instant at) {
        long seconds = at.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, PERIOD_SECONDS));
    }

    /** From the previous window's end, less the late-datapoint overlap, within {@link #MAX_WINDOW}. */
    static Instant windowStart(Instant previousEnd, Instant end) {
        Instant start = previousEnd == null ? end.minus(FIRST_WINDOW) : previousEnd.minus(LATE_DATAPOINTS);
        Instant earliest = end.minus(MAX_WINDOW);
        return start.isBefore(earliest) ? earliest : start;
    }

    private static MetricDataQuery query(String id, String tunnelIp) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(s -> s.period(PERIOD_SECONDS).stat("Average")
                        .metric(m -> m.namespace("AWS/VPN").metricName("TunnelState")
                                .dimensions(Dimension.builder().name("TunnelIpAddress").value(tunnelIp).build())))
                .build();
    }

    private static void merge(MetricDataResult result, Map<String, List<Instant>> timestamps, Map<String, List<Double>> values) {
        timestamps.computeIfAbsent(result.id(), k -> new ArrayList<>()).addAll(result.timestamps());
        values.computeIfAbsent(result.id(), k -> new ArrayList<>()).addAll(result.values());
    }

    @Override
    public List<Observation> map(Scope scope, Snapshot snapshot, Instant observedAt) {
        List<Observation> out = new ArrayList<>();
        for (Series s : snapshot.series()) {
            Instant newest = null;
            Double value = null;
            for (int i = 0; i < Math.min(s.timestamps().size(), s.values().size()); i++) {
                if (newest == null || s.timestamps().get(i).isAfter(newest)) {
                    newest = s.timestamps().get(i);
                    value = s.values().get(i);
                }
            }
            out.add(new TunnelStateObservation(scope, observedAt, s.tunnelIpAddress(), s.vpnConnectionId(), value, newest));
        }
        return out;
    }
}
