package io.floatwatch.testkit.aws;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch GetMetricData over the Query protocol ({@code Version=2010-08-01}), which SDK v2 spoke
 * up to about 2.40. Newer SDKs send JSON 1.0 or RPC v2 CBOR ({@link CloudWatchDocumentProtocol});
 * what is answered is {@link CloudWatchService}'s either way.
 */
final class CloudWatchProtocol {

    static final String VERSION = "2010-08-01";
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private final CloudWatchService service;

    CloudWatchProtocol(CloudWatchService service) {
        this.service = service;
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
            return SimResponse.of(200, QueryXml.XML, write(service.getMetricData(region, input(params), serverPageSize)));
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

    private static String write(CloudWatchService.Output output) {
        XmlWriter xml = QueryXml.open("GetMetricData", NAMESPACE).open("MetricDataResults");
        for (CloudWatchService.Result r : output.results()) {
            xml.open("member").leaf("Id", r.id()).leaf("Label", r.label()).open("Timestamps");
            r.timestamps().forEach(t -> xml.leaf("member", t));
            xml.close("Timestamps").open("Values");
            r.values().forEach(v -> xml.leaf("member", v));
            xml.close("Values").leaf("StatusCode", r.statusCode()).close("member");
        }
        xml.close("MetricDataResults").open("Messages").close("Messages");
        if (output.nextToken() != null) {
            xml.leaf("NextToken", output.nextToken());
        }
        return QueryXml.close(xml, "GetMetricData");
    }

    private static CloudWatchService.Input input(Map<String, String> params) {
        List<CloudWatchService.MetricQuery> queries = new ArrayList<>();
        for (int n = 1; params.containsKey("MetricDataQueries.member." + n + ".Id"); n++) {
            String p = "MetricDataQueries.member." + n + ".";
            Map<String, String> dimensions = new TreeMap<>();
            for (int m = 1; params.containsKey(p + "MetricStat.Metric.Dimensions.member." + m + ".Name"); m++) {
                dimensions.put(params.get(p + "MetricStat.Metric.Dimensions.member." + m + ".Name"),
                        params.get(p + "MetricStat.Metric.Dimensions.member." + m + ".Value"));
            }
            String period = params.get(p + "MetricStat.Period");
            queries.add(new CloudWatchService.MetricQuery(params.get(p + "Id"), params.get(p + "MetricStat.Metric.Namespace"),
                    params.get(p + "MetricStat.Metric.MetricName"), dimensions, period == null ? null : Integer.valueOf(period),
                    params.get(p + "MetricStat.Stat")));
        }
        return new CloudWatchService.Input(queries, instant(params, "StartTime"), instant(params, "EndTime"),
                "TimestampAscending".equals(params.get("ScanBy")), params.get("NextToken"));
    }

    private static Instant instant(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new SimulatedError(400, "InvalidParameterValue", "Invalid " + name + ": " + raw);
        }
    }
}
