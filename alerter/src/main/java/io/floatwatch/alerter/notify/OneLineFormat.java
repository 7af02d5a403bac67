package io.floatwatch.alerter.notify;

import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * One line per notification, in the order a person on call scans it: status, severity, what, where,
 * since when, why, what to do. For example:
 *
 * <pre>
 * FIRING  critical FsxFailoverStalled fs-0abc (123456789012/ap-northeast-1) since 10:11:00Z: ... | runbook: ...
 * RESOLVED critical FsxFailoverStalled fs-0abc (123456789012/ap-northeast-1) after 34m12s: ...
 * EVENT   FailoverConverged fs-0abc (123456789012/ap-northeast-1) at 10:11:00Z in 9m58s: ...
 * </pre>
 */
public final class OneLineFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private OneLineFormat() {
    }

    public static String format(Notification notification) {
        if (notification instanceof FindingNotification f) {
            return finding(f);
        }
        return event(((EventNotification) notification).event());
    }

    private static String finding(FindingNotification notification) {
        Finding finding = notification.finding();
        String severity = finding.severity() == null ? finding.type().defaultSeverity().label() : finding.severity().label();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s %s %s %s",
                notification.kind().name(), severity, finding.type().alertName(), where(finding.labels(), finding.subject())));
        if (notification.kind() == FindingNotification.Kind.RESOLVED) {
            if (finding.startedAt() != null && finding.endedAt() != null) {
                line.append(" after ").append(HumanDuration.format(Duration.between(finding.startedAt(), finding.endedAt())));
            }
            appendText(line, finding.summary());
        } else {
            if (finding.startedAt() != null) {
                line.append(" since ").append(clock(finding.startedAt(), finding.updatedAt()));
            }
            appendText(line, finding.summary());
            if (finding.runbook() != null && !finding.runbook().isBlank()) {
                line.append(" | runbook: ").append(finding.runbook());
            }
        }
        return line.toString();
    }

    private static String event(Event event) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s %s %s", "EVENT", camel(event.type()),
                where(event.labels(), event.subject())));
        if (event.at() != null) {
            line.append(" at ").append(clock(event.at(), event.at()));
        }
        if (event.durationMillis() != null) {
            String took = HumanDuration.format(Duration.ofMillis(event.durationMillis()));
            line.append(event.type() == EventType.FAILBACK_COMPLETED ? " after " + took + " failed over" : " in " + took);
        }
        appendText(line, event.message());
        return line.toString();
    }

    /** {@code fs-0abc 10.0.255.231 rtb-0123 (123456789012/ap-northeast-1)}, or the subject when there is no fs_id. */
    private static String where(Map<String, String> labels, String subject) {
        String fsId = labels.get(Labels.FS_ID);
        if (fsId == null) {
            return subject == null ? "(no subject)" : subject;
        }
        StringBuilder where = new StringBuilder(fsId);
        for (String name : new String[] {Labels.FLOATING_IP, Labels.ROUTE_TABLE_ID}) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                where.append(' ').append(value);
            }
        }
        String account = labels.get(Labels.ACCOUNT);
        String region = labels.get(Labels.REGION);
        if (account != null || region != null) {
            where.append(" (").append(account == null ? "?" : account).append('/').append(region == null ? "?" : region)
                    .append(')');
        }
        return where.toString();
    }

    /** Time of day alone reads fastest; the date appears only when it is not the day of {@code reference}. */
    private static String clock(Instant at, Instant reference) {
        boolean sameDay = reference != null
                && at.truncatedTo(ChronoUnit.DAYS).equals(reference.truncatedTo(ChronoUnit.DAYS));
        return (sameDay ? TIME : DATE_TIME).format(at);
    }

    private static String camel(EventType type) {
        StringBuilder sb = new StringBuilder();
        for (String part : type.name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static void appendText(StringBuilder line, String text) {
        if (text != null && !text.isBlank()) {
            line.append(": ").append(text.replaceAll("[\\r\\n]+", " "));
        }
    }
}
