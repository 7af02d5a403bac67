package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.Severity;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a push-once sink (a chat channel, a pager webhook) is told. Severity is the routing key: a
 * pager webhook takes {@code critical} only, so a failover still converging (FSX_FAILED_OVER,
 * warning) does not wake anyone, and the stall the analyzer raises when it overruns
 * (FSX_FAILOVER_STALLED, critical) does.
 *
 * @param minSeverity the least severe finding told; a resolution is told when its firing was
 * @param events      whether failover and failback events (informational, no severity) are told
 * @param updates     whether a firing finding that changed in substance is told again; off, a
 *                    failover moving table by table inside its convergence window is one message
 *                    when it starts and one when it resolves, with the escalation in between
 */
public record SinkFilter(Severity minSeverity, boolean events, boolean updates) implements Predicate<Notification> {

    public SinkFilter {
        Objects.requireNonNull(minSeverity, "minSeverity");
    }

    /** Every notification: the log's filter. */
    public static SinkFilter everything() {
        return new SinkFilter(Severity.INFO, true, true);
    }

    @Override
    public boolean test(Notification notification) {
        if (notification instanceof EventNotification) {
            return events;
        }
        FindingNotification f = (FindingNotification) notification;
        if (f.kind() == FindingNotification.Kind.UPDATED && !updates) {
            return false;
        }
        // Severity enum order is most severe first.
        return severityOf(f.finding()).ordinal() <= minSeverity.ordinal();
    }

    public static Severity severityOf(Finding finding) {
        return finding.severity() == null ? finding.type().defaultSeverity() : finding.severity();
    }
}
