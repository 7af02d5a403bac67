package io.floatwatch.testkit.aws;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CloudWatch GetMetricData over the Query protocol ({@code Version=2010-08-01}), which SDK v2
 * 2.40.2 speaks. Serves the AWS/VPN TunnelState series stored per region.
 *
 * <p>Faithful where collectors go wrong: datapoints come newest first unless ScanBy says
 * otherwise; a response holds at most the server's page size of datapoints in total, and a query
 * cut by the page boundary is reported with StatusCode PartialData and continues, under the same
 * Id, on the next page.
 */
final class CloudWatchProtocol {

    static final String VERSION = "2010-08-01";
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    static final int MAX_QUERIES = 500;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    record MetricQuery(String id, String namespace, String metricName, Map<String, String> dimensions, int period, String stat) {
    }

    SimResponse handle(SimulatedRegion region, Map<String, String> params, int serverPageSize) {
        try {
            if (!VERSION.equals(params.get("Version"))) {
                throw new SimulatedError(400, "InvalidParameterValue", "Version '" + params.get("Version") + "' is not supported.");
            }
            String action = params.getOrDefault("Action", "");
            if (!"GetMetricData".equals(action)) {
                throw new SimulatedError(400, "InvalidAction", "Could not find operation " + action + " for version " + VERSION);
            }
            return SimResponse.of(200, QueryXml.XML, getMetricData(region, params, serverPageSize));
        } catch (SimulatedError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    static SimResponse error(int status, String code, String message) {
        return QueryXml.error(NAMESPACE, status, code, message);
    }

    static SimResponse throttled() {
        return error(400, "Throttling", "Rate exceeded");
    }

    /** Signed with expired temporary credentials: a Sender error, ExpiredToken, HTTP 400. */
    static SimResponse expiredToken() {
        return error(400, "ExpiredToken", "The security token included in the request is expired");
    }

    /** Signed with an access key and a session token that do not belong together. */
    static SimResponse invalidToken() {
        return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    private String getMetricData(SimulatedRegion region, Map<String, String> params, int serverPageSize) {
        List<MetricQuery> queries = queries(params);
        Instant start = instant(params, "StartTime");
        Instant end = instant(params, "EndTime");
        boolean ascending = "TimestampAscending".equals(params.get("ScanBy"));
        int offset = offset(params.get("NextToken"));

        // Every (query, datapoint) in response order; a page is a window over this list.
        List<Object[]> all = new ArrayList<>();
        List<List<SimDatapoint>> perQuery = new ArrayList<>();
        for (MetricQuery q : queries) {
            List<SimDatapoint> points = aggregate(series(region, q), q, start, end, ascending);
            perQuery.add(points);
        }
        for (int i = 0; i < queries.size(); i++) {
            for (SimDatapoint p : perQuery.get(i)) {
                all.add(new Object[] {i, p});
            }
        }
        int to = Math.min(all.size(), offset + serverPageSize);
        List<Object[]> page = all.subList(Math.min(offset, all.size()), to);
        boolean more = to < all.size();

        XmlWriter xml = QueryXml.open("GetMetricData", NAMESPACE).open("MetricDataResults");
        for (int i = 0; i < queries.size(); i++) {
            int index = i;
            List<SimDatapoint> mine = page.stream().filter(e -> (int) e[0] == index).map(e -> (SimDatapoint) e[1]).toList();
            boolean firstPage = offset == 0;
            if (mine.isEmpty() && !(firstPage && perQuery.get(i).isEmpty())) {
                continue;
            }
            long remaining = all.subList(to, all.size()).stream().filter(e -> (int) e[0] == index).count();
            MetricQuery q = queries.get(i);
            xml.open("member").leaf("Id", q.id()).leaf("Label", q.metricName()).open("Timestamps");
            mine.forEach(p -> xml.leaf("member", p.timestamp()));
            xml.close("Timestamps").open("Values");
            mine.forEach(p -> xml.leaf("member", p.value()));
            xml.close("Values").leaf("StatusCode", remaining > 0 ? "PartialData" : "Complete").close("member");
        }
        xml.close("MetricDataResults").open("Messages").close("Messages");
        if (more) {
            xml.leaf("NextToken", "offset-" + to);
        }
        return QueryXml.close(xml, "GetMetricData");
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

    private static List<MetricQuery> queries(Map<String, String> params) {
        List<MetricQuery> queries = new ArrayList<>();
        for (int n = 1; params.containsKey("MetricDataQueries.member." + n + ".Id"); n++) {
            String p = "MetricDataQueries.member." + n + ".";
            String id = params.get(p + "Id");
            if (!ID.matcher(id).matches()) {
                throw new SimulatedError(400, "ValidationError", "The value " + id + " for parameter MetricDataQueries.member." + n
                        + ".Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.");
            }
            Map<String, String> dimensions = new TreeMap<>();
            for (int m = 1; params.containsKey(p + "MetricStat.Metric.Dimensions.member." + m + ".Name"); m++) {
                dimensions.put(params.get(p + "MetricStat.Metric.Dimensions.member." + m + ".Name"),
                        params.get(p + "MetricStat.Metric.Dimensions.member." + m + ".Value"));
            }
            String period = params.get(p + "MetricStat.Period");
            if (period == null || params.get(p + "MetricStat.Stat") == null) {
                throw new SimulatedError(400, "ValidationError", "The simulator serves MetricStat queries only (" + p + ")");
            }
            queries.add(new MetricQuery(id, params.get(p + "MetricStat.Metric.Namespace"), params.get(p + "MetricStat.Metric.MetricName"),
                    dimensions, Integer.parseInt(period), params.get(p + "MetricStat.Stat")));
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

    private static Instant instant(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            throw new SimulatedError(400, "MissingParameter", "The parameter " + name + " is required.");
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new SimulatedError(400, "InvalidParameterValue", "Invalid " + name + ": " + raw);
        }
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
