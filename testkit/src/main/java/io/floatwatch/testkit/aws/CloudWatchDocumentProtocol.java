package io.floatwatch.testkit.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch GetMetricData as newer SDKs send it: AWS JSON 1.0 ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.GetMetricData}) or Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/GetMetricData}, the form SDK v2 2.59 uses). Both
 * carry the same document, so one class reads and writes both, through Jackson's JSON or CBOR
 * format; only the envelope differs.
 *
 * <p>Timestamps are epoch seconds; in CBOR they carry tag 1, as the RPC v2 CBOR protocol requires.
 * CloudWatch is "query compatible": it also names each error by its Query code in the
 * {@code x-amzn-query-error} header ({@code Throttling;Sender}), which is the code the SDK reports,
 * so a collector that knows CloudWatch's Query error codes keeps working across the change.
 */
final class CloudWatchDocumentProtocol {

    static final String SERVICE = "GraniteServiceVersion20100801";
    static final String CBOR_PATH_PREFIX = "/service/" + SERVICE + "/operation/";
    static final String JSON_TARGET_PREFIX = SERVICE + ".";
    static final String JSON_1_0 = "application/x-amz-json-1.0";
    static final String CBOR = "application/cbor";

    private final WireProtocol wire;
    private final ObjectMapper mapper;
    private final CloudWatchService service;

    private CloudWatchDocumentProtocol(WireProtocol wire, ObjectMapper mapper, CloudWatchService service) {
        this.wire = wire;
        this.mapper = mapper;
        this.service = service;
    }

    static CloudWatchDocumentProtocol json(CloudWatchService service) {
        return new CloudWatchDocumentProtocol(WireProtocol.AWS_JSON_1_0, new ObjectMapper(), service);
    }

    static CloudWatchDocumentProtocol cbor(CloudWatchService service) {
        return new CloudWatchDocumentProtocol(WireProtocol.RPC_V2_CBOR, new CBORMapper(), service);
    }

    /** The operation a request names: the last path segment (CBOR) or the target's suffix (JSON 1.0). */
    static String operation(WireProtocol wire, String path, String target) {
        if (wire == WireProtocol.RPC_V2_CBOR) {
            return path.startsWith(CBOR_PATH_PREFIX) ? path.substring(CBOR_PATH_PREFIX.length()) : path;
        }
        return target != null && target.startsWith(JSON_TARGET_PREFIX) ? target.substring(JSON_TARGET_PREFIX.length()) : String.valueOf(target);
    }

    SimResponse handle(SimulatedRegion region, String operation, byte[] body, int serverPageSize) {
        try {
            if (!"GetMetricData".equals(operation)) {
                throw new SimulatedError(400, "InvalidAction", "Could not find operation " + operation);
            }
            CloudWatchService.Output output = service.getMetricData(region, input(parse(body)), serverPageSize);
            return response(200, write(output), Map.of());
        } catch (SimulatedError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    SimResponse throttled() {
        return error(400, "Throttling", "Rate exceeded");
    }

    SimResponse expiredToken() {
        return error(400, "ExpiredToken", "The security token included in the request is expired");
    }

    SimResponse invalidToken() {
        return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    /** An error under its JSON type name, with the Query code in {@code x-amzn-query-error}. */
    SimResponse error(int status, String queryCode, String message) {
        String type = queryCode.endsWith("Exception") ? queryCode : queryCode + "Exception";
        byte[] body = document(g -> {
            g.writeStartObject();
            g.writeStringField("__type", "com.amazonaws.cloudwatch#" + type);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
        return response(status, body, Map.of("x-amzn-query-error", queryCode + ";" + (status >= 500 ? "Receiver" : "Sender")));
    }

    private SimResponse response(int status, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new TreeMap<>(headers);
        if (wire == WireProtocol.RPC_V2_CBOR) {
            all.put("smithy-protocol", "rpc-v2-cbor");
        }
        return new SimResponse(status, wire == WireProtocol.RPC_V2_CBOR ? CBOR : JSON_1_0, body, Map.copyOf(all));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SimulatedError(400, "SerializationException", "Expected a " + wire + " object");
            }
            return node;
        } catch (IOException e) {
            throw new SimulatedError(400, "SerializationException", "Malformed " + wire + " body: " + e.getMessage());
        }
    }

    private static CloudWatchService.Input input(JsonNode request) {
        List<CloudWatchService.MetricQuery> queries = new ArrayList<>();
        for (JsonNode q : request.path("MetricDataQueries")) {
            JsonNode stat = q.path("MetricStat");
            Map<String, String> dimensions = new TreeMap<>();
            stat.at("/Metric/Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
            queries.add(new CloudWatchService.MetricQuery(text(q, "Id"), text(stat.path("Metric"), "Namespace"),
                    text(stat.path("Metric"), "MetricName"), dimensions,
                    stat.hasNonNull("Period") ? stat.get("Period").asInt() : null, text(stat, "Stat")));
        }
        return new CloudWatchService.Input(queries, instant(request, "StartTime"), instant(request, "EndTime"),
                "TimestampAscending".equals(text(request, "ScanBy")), text(request, "NextToken"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new SimulatedError(400, "SerializationException", field + " must be epoch seconds, was " + value);
        }
        return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }

    private byte[] write(CloudWatchService.Output output) {
        return document(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("MetricDataResults");
            for (CloudWatchService.Result r : output.results()) {
                g.writeStartObject();
                g.writeStringField("Id", r.id());
                g.writeStringField("Label", r.label());
                g.writeArrayFieldStart("Timestamps");
                for (Instant t : r.timestamps()) {
                    timestamp(g, t);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("Values");
                for (double v : r.values()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
                g.writeStringField("StatusCode", r.statusCode());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Messages");
            g.writeEndArray();
            if (output.nextToken() != null) {
                g.writeStringField("NextToken", output.nextToken());
            }
            g.writeEndObject();
        });
    }

    private static void timestamp(JsonGenerator g, Instant t) throws IOException {
        if (g instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
        }
        g.writeNumber(t.toEpochMilli() / 1000.0);
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] document(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
