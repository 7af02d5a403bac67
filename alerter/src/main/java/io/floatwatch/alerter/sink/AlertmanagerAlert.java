package io.floatwatch.alerter.sink;

import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.model.finding.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finding as an Alertmanager v2 alert. The labels are its identity in Alertmanager (grouping,
 * silences, inhibition), so they hold only what names the condition: alertname, severity, type and
 * the finding's own labels; everything that changes while it fires goes in the annotations.
 */
record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {

    static AlertmanagerAlert of(Finding finding, Instant now) {
        Map<String, String> labels = new TreeMap<>();
        finding.labels().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                labels.put(labelName(name), value);
            }
        });
        labels.put("alertname", finding.type().alertName());
        labels.put("severity", SinkFilter.severityOf(finding).label());
        labels.put("type", finding.type().label());
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "summary", finding.summary());
        put(annotations, "runbook", finding.runbook());
        put(annotations, "subject", finding.subject());
        put(annotations, "finding_id", finding.id());
        // Event time may run ahead of the wall clock (replays, the demo's scaled clock); Alertmanager
        // would hold back an alert that starts in the future.
        Instant started = finding.startedAt() == null || finding.startedAt().isAfter(now) ? now : finding.startedAt();
        return new AlertmanagerAlert(Map.copyOf(labels), annotations, started);
    }

    /** The v2 API's JSON shape for one alert ending at {@code endsAt}. */
    Map<String, Object> body(Instant endsAt, String generatorUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("labels", new TreeMap<>(labels));
        body.put("annotations", annotations);
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", endsAt.toString());
        if (generatorUrl != null) {
            body.put("generatorURL", generatorUrl);
        }
        return body;
    }

    /** Prometheus label names allow [a-zA-Z_][a-zA-Z0-9_]*; anything else becomes '_'. */
    static String labelName(String name) {
        String cleaned = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
