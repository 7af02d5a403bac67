package io.floatwatch.alerter.notify;

import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.metrics.Records;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneLineFormatTest {

    private final List<String> lines = new ArrayList<>();
    private final LogNotifier notifier = new LogNotifier(lines::add);

    @Test
    void shouldPrintStatusSeverityAlertWhereSinceSummaryAndRunbookWhenFiring() {
        Finding stalled = firing(FindingType.FSX_FAILOVER_STALLED, Records.T0.plusSeconds(538), "rtb-2 still points at eni-0aaa");

        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, stalled));

        assertThat(lines).containsExactly("FIRING  critical FsxFailoverStalled fs-0abc (123456789012/ap-northeast-1)"
                + " since 10:10:00Z: rtb-2 still points at eni-0aaa | runbook: " + FindingType.FSX_FAILOVER_STALLED.runbook());
    }

    @Test
    void shouldPrintHowLongItLastedWhenResolved() {
        Finding stalled = firing(FindingType.FSX_FAILOVER_STALLED, T0, "stalled");
        Finding resolved = stalled.resolved(T0.plus(Duration.ofMinutes(34).plusSeconds(12)), "all tables on eni-0bbb", null);

        notifier.send(new FindingNotification(FindingNotification.Kind.RESOLVED, resolved));

        assertThat(lines).containsExactly("RESOLVED critical FsxFailoverStalled fs-0abc (123456789012/ap-northeast-1)"
                + " after 34m12s: all tables on eni-0bbb");
    }

    @Test
    void shouldNameTheFloatingIpAndTableWhenTheFindingIsPerRoute() {
        Map<String, String> labels = new HashMap<>(Records.fsLabels());
        labels.put(Labels.FLOATING_IP, "10.0.255.231");
        labels.put(Labels.ROUTE_TABLE_ID, "rtb-9");
        Finding bad = Finding.firing(FindingType.FLOATING_ROUTE_BAD_TARGET, Records.SUBJECT + "/rtb-9", labels, T0, T0,
                Map.of(), "route points at deleted eni-0dead");

        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, bad));

        assertThat(lines.get(0)).startsWith("FIRING  critical FloatingRouteBadTarget fs-0abc 10.0.255.231 rtb-9"
                + " (123456789012/ap-northeast-1) since 10:01:02Z: route points at deleted eni-0dead | runbook: ");
    }

    @Test
    void shouldShowTheDateWhenTheFindingStartedOnAnotherDay() {
        Finding old = Finding.firing(FindingType.FSX_FAILED_OVER, Records.SUBJECT, Records.fsLabels(), T0,
                T0.plus(Duration.ofDays(1)), Map.of(), "still failed over");

        notifier.send(new FindingNotification(FindingNotification.Kind.UPDATED, old));

        assertThat(lines.get(0)).startsWith("UPDATED warning FsxFailedOver fs-0abc (123456789012/ap-northeast-1)"
                + " since 2025-03-01 10:01:02Z: still failed over | runbook: ");
    }

    @Test
    void shouldPrintOneLinePerFailoverEventWithItsDuration() {
        notifier.send(new EventNotification(event(EventType.FAILOVER_STARTED, T0, null, "rtb-1 moved to the standby ENI")));
        notifier.send(new EventNotification(event(EventType.FAILOVER_CONVERGED, T0.plusSeconds(598),
                Duration.ofSeconds(598).toMillis(), "all 2 tables on eni-0bbb")));
        notifier.send(new EventNotification(event(EventType.FAILBACK_COMPLETED, T0.plusSeconds(3600),
                Duration.ofMinutes(50).plusSeconds(2).toMillis(), "all 2 tables back on eni-0aaa")));

        assertThat(lines).containsExactly(
                "EVENT   FailoverStarted fs-0abc (123456789012/ap-northeast-1) at 10:01:02Z: rtb-1 moved to the standby ENI",
                "EVENT   FailoverConverged fs-0abc (123456789012/ap-northeast-1) at 10:11:00Z in 9m58s: all 2 tables on eni-0bbb",
                "EVENT   FailbackCompleted fs-0abc (123456789012/ap-northeast-1) at 11:01:02Z after 50m2s failed over:"
                        + " all 2 tables back on eni-0aaa");
    }

    @Test
    void shouldKeepOneLineWhenTheSummaryHasLineBreaks() {
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "first\nsecond");

        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, f));

        assertThat(lines.get(0)).doesNotContain("\n").contains(": first second | runbook:");
    }
}
