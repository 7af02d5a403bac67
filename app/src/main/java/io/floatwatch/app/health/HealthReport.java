package io.floatwatch.app.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a probe answers: ok when every check passed (no checks at all counts as ok), and as JSON
 * {@code {"status":"fail","failed":["analyzer.streams"],"checks":[{"name":..,"ok":false,"detail":..}]}},
 * so {@code kubectl describe} and a person with curl both see which check failed and why.
 */
public record HealthReport(boolean ok, List<HealthCheck.Result> checks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HealthReport of(List<HealthCheck.Result> checks) {
        return new HealthReport(checks.stream().allMatch(HealthCheck.Result::ok), List.copyOf(checks));
    }

    public List<String> failed() {
        return checks.stream().filter(c -> !c.ok()).map(HealthCheck.Result::name).toList();
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", ok ? "ok" : "fail");
        ArrayNode failed = root.putArray("failed");
        failed().forEach(failed::add);
        ArrayNode list = root.putArray("checks");
        for (HealthCheck.Result c : checks) {
            ObjectNode node = list.addObject();
            node.put("name", c.name());
            node.put("ok", c.ok());
            if (c.detail() != null) {
                node.put("detail", c.detail());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a health report", e);
        }
    }
}
