package io.floatwatch.alerter.metrics;

import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Findings and events as the analyzer publishes them, for one file system of the OpenZFS case. */
public final class Records {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "ap-northeast-1";
    public static final String FS = "fs-0abc";
    public static final String SUBJECT = ACCOUNT + "/" + REGION + "/" + FS;
    public static final String FLOATING_IP = "10.0.255.231";
    public static final String ENI_PREFERRED = "eni-0aaa";
    public static final String ENI_STANDBY = "eni-0bbb";
    public static final Instant T0 = Instant.parse("2025-03-01T10:01:02Z");

    private Records() {
    }

    public static Map<String, String> fsLabels() {
        return Map.of(Labels.ACCOUNT, ACCOUNT, Labels.REGION, REGION, Labels.FS_ID, FS);
    }

    public static Event routeTarget(String table, String eni, String role, Instant at) {
        Map<String, String> labels = new HashMap<>(fsLabels());
        labels.put(Labels.FLOATING_IP, FLOATING_IP);
        labels.put(Labels.ROUTE_TABLE_ID, table);
        labels.put(Labels.ENI_ID, eni);
        labels.put(Labels.ROLE, role);
        return new Event(EventType.ROUTE_TARGET, SUBJECT, labels, at, null,
                FLOATING_IP + " via " + table + " -> " + eni + " (" + role + ")");
    }

    public static Event event(EventType type, Instant at, Long durationMillis, String message) {
        return new Event(type, SUBJECT, fsLabels(), at, durationMillis, message);
    }

    public static Finding firing(FindingType type, Instant startedAt, String summary) {
        return Finding.firing(type, SUBJECT, fsLabels(), startedAt, startedAt, Map.of("route_table_ids", "rtb-1,rtb-2"),
                summary);
    }
}
