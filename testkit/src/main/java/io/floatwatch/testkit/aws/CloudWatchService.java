package io.floatwatch.testkit.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What CloudWatch GetMetricData answers, apart from how it travels: the Query wire
 * ({@link CloudWatchProtocol}) and the JSON 1.0 and RPC v2 CBOR wires ({@link CloudWatchDocumentProtocol})
 * all decode into {@link Input} and encode the same {@link Output}, so an SDK that changes protocol
 * meets the same CloudWatch. Serves the AWS/VPN TunnelState series stored per region.
 *
 * <p>Faithful where collectors go wrong: datapoints come newest first unless ScanBy says
 * otherwise; a response holds at most the server's page size of datapoints in total, and a query
 * cut by the page boundary is reported with StatusCode PartialData and continues, under the same
 * Id, on the next page.
 */
final class CloudWatchService {

    static final int MAX_QUERIES = 500;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    record MetricQuery(String id, String namespace, String metricName, Map<String, String> dimensions, Integer period, String stat) {
    }

    /** A GetMetricData request; {@code start}, {@code end} null when the request lacked them. */
    record Input(List<MetricQuery> queries, Instant start, Instant end, boolean ascending, String nextToken) {
    }

    record Result(String id, String label, List<Instant> timestamps, List<Double> values, String statusCode) {
    }

    record Output(List<Result> results, String nextToken) {
    }

    Output getMetricData(SimulatedRegion region, Input input, int serverPageSize) {
        List<MetricQuery> queries = validate(input.queries());
        Instant start = required(input.start(), "StartTime");
        Instant end = required(input.end(), "EndTime");
        int offset = offset(input.nextToken());

        // Every (query, datapoint) in response order; a page is a window over this list.
        List<Object[]> all = new ArrayList<>();
        List<List<SimDatapoint>> perQuery = new ArrayList<>();
        for (MetricQuery q : queries) {
            perQuery.add(aggregate(series(region, q), q, start, end, input.ascending()));
        }
        for (int i = 0; i < queries.size(); i++) {
            for (SimDatapoint p : perQuery.get(i)) {
                all.add(new Object[] {i, p});
            }
        }
        int to = Math.min(all.size(), offset + serverPageSize);
        List<Object[]> page = all.subList(Math.min(offset, all.size()), to);
        boolean more = to < all.size();

        List<Result> results = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            int index = i;
            List<SimDatapoint> mine = page.stream().filter(e -> (int) e[0] == index).map(e -> (SimDatapoint) e[1]).toList();
            boolean firstPage = offset == 0;
            if (mine.isEmpty() && !(firstPage && perQuery.get(i).isEmpty())) {
                continue;
            }
            long remaining = all.subList(to, all.size()).stream().filter(e -> (int) e[0] == index).count();
            MetricQuery q = queries.get(i);
            results.add(new Result(q.id(), q.metricName(), mine.stream().map(SimDatapoint::timestamp).toList(),
                    mine.stream().map(SimDatapoint::value).toList(), remaining > 0 ? "PartialData" : "Complete"));
        }
        return new Output(results, more ? "offset-" + to : null);
    }

    private static List<SimDatapoint> series(SimulatedRegion region, MetricQuery q) {
        // Only AWS/VPN TunnelState by TunnelIpAddress is stored; a series with other dimensions
        // (e.g. VpnId) is a different series in CloudWatch, so it answers no datapoints.
        if ("AWS/VPN".equals(q.namespace()) && "TunnelState".equals(q.metricName())
                && q.dimensions().size() == 1 && q.dimensions().containsKey("TunnelIpAddress")) {
            return region.tunnelState(q.dimensions().get("TunnelIpAddress"));
        }
        return List.of();
    }

    private static List<SimDatapoint> aggregate(List<SimDatapoint> raw, MetricQuery q, Instant start, Instant end, boolean ascending) {
        Map<Long, List<Double>> buckets = new TreeMap<>();
        for (SimDatapoint p : raw) {
            if (p.timestamp().isBefore(start) || !p.timestamp().isBefore(end)) {
                continue;
            }
            long bucket = Math.floorDiv(p.timestamp().getEpochSecond(), q.period()) * q.period();
            buckets.computeIfAbsent(bucket, k -> new ArrayList<>()).add(p.value());
        }
        List<SimDatapoint> out = new ArrayList<>();
        buckets.forEach((bucket, values) -> out.add(new SimDatapoint(Instant.ofEpochSecond(bucket), stat(q.stat(), values))));
        out.sort(ascending ? Comparator.comparing(SimDatapoint::timestamp) : Comparator.comparing(SimDatapoint::timestamp).reversed());
        return out;
    }

    private static double stat(String stat, List<Double> values) {
        return switch (stat) {
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "SampleCount" -> values.size();
            case "Average" -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            default -> throw new SimulatedError(400, "InvalidParameterValue", "Statistic " + stat + " is not supported by the simulator");
        };
    }

    private static List<MetricQuery> validate(List<MetricQuery> queries) {
        for (int n = 0; n < queries.size(); n++) {
            MetricQuery q = queries.get(n);
            if (q.id() == null || !ID.matcher(q.id()).matches()) {
                throw new SimulatedError(400, "ValidationError", "The value " + q.id() + " for parameter MetricDataQueries.member."
                        + (n + 1) + ".Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.");
            }
            if (q.period() == null || q.stat() == null) {
                throw new SimulatedError(400, "ValidationError", "The simulator serves MetricStat queries only (MetricDataQueries.member."
                        + (n + 1) + ")");
            }
        }
        if (queries.isEmpty()) {
            throw new SimulatedError(400, "MissingParameter", "The parameter MetricDataQueries is required.");
        }
        if (queries.size() > MAX_QUERIES) {
            throw new SimulatedError(400, "ValidationError",
                    "The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        if (queries.stream().map(MetricQuery::id).distinct().count() != queries.size()) {
            throw new SimulatedError(400, "ValidationError", "The values for parameter id in MetricDataQueries are not unique.");
        }
        return queries;
    }

    private static Instant required(Instant value, String name) {
        if (value == null) {
            throw new SimulatedError(400, "MissingParameter", "The parameter " + name + " is required.");
        }
        return value;
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        if (!token.startsWith("offset-")) {
            throw new SimulatedError(400, "InvalidNextToken", "The service couldn't process your request because the NextToken is invalid.");
        }
        return Integer.parseInt(token.substring("offset-".length()));
    }
}
