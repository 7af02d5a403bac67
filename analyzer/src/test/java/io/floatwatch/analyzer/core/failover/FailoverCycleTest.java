package io.floatwatch.analyzer.core.failover;

import static io.floatwatch.analyzer.core.Fixture.FS;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.AdministrativeAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverCycleTest {

    @Test
    void shouldReportRouteTargetsWithRolesWhenFirstSeenAtHome() {
        Fixture f = new Fixture().home();

        assertThat(f.eventTypes()).isEmpty();
        assertThat(f.findings).isEmpty();
        List<Event> targets = f.events(EventType.ROUTE_TARGET);
        // Each table is first seen before the ENIs' subnets are all known or after; the last word per route counts.
        Event last1 = targets.stream().filter(e -> e.labels().get(Labels.ROUTE_TABLE_ID).equals("rtb-1")).reduce((a, b) -> b).orElseThrow();
        assertThat(last1.labels()).containsEntry(Labels.ENI_ID, PREFERRED).containsEntry(Labels.ROLE, "preferred")
                .containsEntry(Labels.FLOATING_IP, Fixture.IP).containsEntry(Labels.FS_ID, FS)
                .containsEntry(Labels.ACCOUNT, "123456789012").containsEntry(Labels.REGION, "ap-northeast-1");
        assertThat(last1.subject()).isEqualTo("123456789012/ap-northeast-1/fs-0abc");
        assertThat(targets).extracting(e -> e.labels().get(Labels.ROUTE_TABLE_ID)).contains("rtb-1", "rtb-2");
    }

    @Test
    void shouldDetectFailoverStartAndConvergenceWhenBothTablesMoveToStandby() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-1", STANDBY, minutes(10)), table("rtb-2", STANDBY, minutes(10)));

        assertThat(f.eventTypes()).containsExactly(EventType.FAILOVER_STARTED, EventType.FAILOVER_CONVERGED);
        assertThat(f.events(EventType.FAILOVER_STARTED).get(0).at()).isEqualTo(minutes(10));
        assertThat(f.events(EventType.FAILOVER_CONVERGED).get(0).durationMillis()).isZero();
        assertThat(f.events(EventType.ROUTE_TARGET)).hasSize(2)
                .allSatisfy(e -> assertThat(e.labels()).containsEntry(Labels.ENI_ID, STANDBY).containsEntry(Labels.ROLE, "standby"));
        Finding last = last(f.findings(FindingType.FSX_FAILED_OVER));
        assertThat(last.status()).isEqualTo(FindingStatus.FIRING);
        assertThat(last.id()).isEqualTo(Finding.idOf(FindingType.FSX_FAILED_OVER, "123456789012/ap-northeast-1/fs-0abc"));
        assertThat(last.evidence()).containsEntry("phase", "converged").containsEntry("tables_moved", "rtb-1,rtb-2")
                .containsEntry("from_eni", PREFERRED).containsEntry("to_eni", STANDBY).containsEntry("to_subnet", "subnet-1c");
        assertThat(last.labels()).containsOnlyKeys(Labels.ACCOUNT, Labels.REGION, Labels.FS_ID);
    }

    @Test
    void shouldReportPartialThenConvergedWithConvergenceTimeWhenTablesMoveInDifferentPolls() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-1", STANDBY, minutes(1)));
        assertThat(f.eventTypes()).containsExactly(EventType.FAILOVER_STARTED);
        Finding started = last(f.findings(FindingType.FSX_FAILED_OVER));
        assertThat(started.evidence()).containsEntry("phase", "started").containsEntry("tables_left", "rtb-2");
        assertThat(started.summary()).isEqualTo("fs-0abc failing over: 1/2 route tables for 10.0.255.231 point at standby"
                + " eni-0c (subnet-1c); still elsewhere: rtb-2");

        f.feed(poll(minutes(5)), table("rtb-2", STANDBY, minutes(10) .plusSeconds(58)));

        assertThat(f.eventTypes()).containsExactly(EventType.FAILOVER_STARTED, EventType.FAILOVER_CONVERGED);
        Event converged = f.events(EventType.FAILOVER_CONVERGED).get(0);
        assertThat(converged.durationMillis()).isEqualTo(Duration.ofMinutes(9).plusSeconds(58).toMillis());
        Finding done = last(f.findings(FindingType.FSX_FAILED_OVER));
        assertThat(done.startedAt()).isEqualTo(minutes(1));
        assertThat(done.evidence()).containsEntry("phase", "converged").containsEntry("convergence_seconds", "598");
        assertThat(done.summary()).isEqualTo("fs-0abc failed over: 2/2 route tables for 10.0.255.231 now point at standby"
                + " eni-0c (subnet-1c) after 9m58s");
        assertThat(f.findings(FindingType.FSX_FAILED_OVER)).hasSize(2);
        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).isEmpty();
    }

    @Test
    void shouldResolveFailedOverOnceWithTimeAwayWhenFailbackCompletes() {
        Fixture f = new Fixture().home()
                .feed(table("rtb-1", STANDBY, minutes(10)), table("rtb-2", STANDBY, minutes(10))).clear();

        f.feed(table("rtb-1", PREFERRED, minutes(40)));
        assertThat(f.eventTypes()).containsExactly(EventType.FAILBACK_STARTED);
        assertThat(last(f.findings(FindingType.FSX_FAILED_OVER)).evidence()).containsEntry("phase", "failing_back");

        f.feed(table("rtb-2", PREFERRED, minutes(42)), poll(minutes(43)), poll(minutes(60)));

        assertThat(f.eventTypes()).containsExactly(EventType.FAILBACK_STARTED, EventType.FAILBACK_COMPLETED);
        Event completed = f.events(EventType.FAILBACK_COMPLETED).get(0);
        assertThat(completed.durationMillis()).isEqualTo(Duration.ofMinutes(32).toMillis());
        List<Finding> resolved = f.findings(FindingType.FSX_FAILED_OVER).stream()
                .filter(x -> x.status() == FindingStatus.RESOLVED).toList();
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).endedAt()).isEqualTo(minutes(42));
        assertThat(resolved.get(0).summary()).isEqualTo("fs-0abc failed back: 2/2 route tables for 10.0.255.231 point at"
                + " preferred eni-0a (subnet-1a) again after 32m failed over");
        assertThat(f.state().fileSystems().get(FS).phase()).isEqualTo(Phase.HOME);
        assertThat(f.state().fileSystems().get(FS).open()).isEmpty();
    }

    @Test
    void shouldRaiseStalledOnEventTimeWhenATableStaysBehindPastTheDeadline() {
        Fixture f = new Fixture().home().clear();
        f.feed(table("rtb-1", STANDBY, minutes(1)), poll(minutes(15.9)));
        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).as("before the deadline").isEmpty();

        // Only a poll marker arrives: its observedAt is what moves time past the deadline.
        f.feed(poll(minutes(16.5)));

        List<Finding> stalled = f.findings(FindingType.FSX_FAILOVER_STALLED);
        assertThat(stalled).hasSize(1);
        assertThat(stalled.get(0).status()).isEqualTo(FindingStatus.FIRING);
        assertThat(stalled.get(0).startedAt()).isEqualTo(minutes(16));
        assertThat(stalled.get(0).evidence()).containsEntry("tables_left", "rtb-2").containsEntry("tables_moved", "rtb-1")
                .containsEntry("direction", "failover");
        assertThat(stalled.get(0).summary()).contains("rtb-2", "eni-0a (subnet-1a)", "15m");

        f.feed(poll(minutes(20)), poll(minutes(25)));
        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).as("no news, no new version").hasSize(1);

        f.feed(table("rtb-2", STANDBY, minutes(30)));
        stalled = f.findings(FindingType.FSX_FAILOVER_STALLED);
        assertThat(stalled).hasSize(2);
        assertThat(stalled.get(1).status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(stalled.get(1).summary()).contains("failover converged");
    }

    @Test
    void shouldRaiseStalledWhenAFailbackLeavesATableOnTheStandbyPastTheDeadline() {
        Fixture f = new Fixture().home()
                .feed(table("rtb-1", STANDBY, minutes(10)), table("rtb-2", STANDBY, minutes(10))).clear();

        f.feed(table("rtb-1", PREFERRED, minutes(40)), poll(minutes(54)));
        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).isEmpty();
        f.feed(poll(minutes(56)));

        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).singleElement().satisfies(x -> {
            assertThat(x.startedAt()).isEqualTo(minutes(55));
            assertThat(x.evidence()).containsEntry("direction", "failback").containsEntry("tables_left", "rtb-2")
                    .containsEntry("to_eni", PREFERRED);
        });
    }

    @Test
    void shouldUseTheConfiguredDeadlineWhenOneIsGiven() {
        Fixture f = new Fixture(new FailoverPolicy(Duration.ofMinutes(2))).home().clear();

        f.feed(table("rtb-1", STANDBY, minutes(1)), poll(minutes(3.5)));

        assertThat(f.findings(FindingType.FSX_FAILOVER_STALLED)).hasSize(1);
    }

    @Test
    void shouldResolveStalledAndFailedOverWhenThePartialFailoverReverts() {
        Fixture f = new Fixture().home().feed(table("rtb-1", STANDBY, minutes(1)), poll(minutes(17))).clear();

        f.feed(table("rtb-1", PREFERRED, minutes(18)));

        assertThat(f.eventTypes()).containsExactly(EventType.FAILBACK_COMPLETED);
        assertThat(f.findings).extracting(Finding::type, Finding::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(FindingType.FSX_FAILED_OVER, FindingStatus.RESOLVED),
                org.assertj.core.groups.Tuple.tuple(FindingType.FSX_FAILOVER_STALLED, FindingStatus.RESOLVED),
                // Nothing planned explained it: the unplanned failover ends with the cycle.
                org.assertj.core.groups.Tuple.tuple(FindingType.FSX_UNPLANNED_FAILOVER, FindingStatus.RESOLVED));
    }

    @Test
    void shouldNameThePlannedCauseWhenAnAdministrativeActionIsInProgress() {
        AdministrativeAction update = new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", minutes(0),
                "ThroughputCapacity=320");
        Fixture f = new Fixture().home().feed(fileSystem(minutes(0.5), update)).clear();

        f.feed(table("rtb-1", STANDBY, minutes(9)), table("rtb-2", STANDBY, minutes(10).minusSeconds(2)));

        Finding last = last(f.findings(FindingType.FSX_FAILED_OVER));
        assertThat(last.evidence()).containsEntry("planned_cause", "FILE_SYSTEM_UPDATE");
        assertThat(last.summary()).endsWith("; planned: FILE_SYSTEM_UPDATE in progress");
        assertThat(f.events(EventType.FAILOVER_STARTED).get(0).message()).contains("planned: FILE_SYSTEM_UPDATE");
    }

    @Test
    void shouldReportFailedOverWithoutTransitionEventsWhenAlreadyFailedOverAtFirstSight() {
        Fixture f = new Fixture().feed(fileSystem(minutes(0)), Fixture.eni(PREFERRED, "subnet-1a", minutes(0)),
                Fixture.eni(STANDBY, "subnet-1c", minutes(0)), table("rtb-1", STANDBY, minutes(0)),
                table("rtb-2", STANDBY, minutes(0)));

        assertThat(f.eventTypes()).isEmpty();
        Finding last = last(f.findings(FindingType.FSX_FAILED_OVER));
        assertThat(last.firing()).isTrue();
        assertThat(last.evidence()).containsEntry("start_seen", "false").doesNotContainKey("convergence_seconds");
    }

    @Test
    void shouldTellStandbyFromPreferredWhenOnlyOneEniHasBeenObserved() {
        Fixture f = new Fixture().feed(fileSystem(minutes(0)), Fixture.eni(PREFERRED, "subnet-1a", minutes(0)),
                table("rtb-1", PREFERRED, minutes(0)), table("rtb-2", PREFERRED, minutes(0))).clear();

        f.feed(table("rtb-1", STANDBY, minutes(3)), table("rtb-2", STANDBY, minutes(3)));

        assertThat(f.eventTypes()).containsExactly(EventType.FAILOVER_STARTED, EventType.FAILOVER_CONVERGED);
    }

    @Test
    void shouldIgnoreSingleAzFileSystemsWhenTheyHaveNoFloatingIps() {
        Fixture f = new Fixture().feed(Fixture.singleAz(minutes(0)), table("rtb-1", "eni-0s1", minutes(1)));

        assertThat(f.events).isEmpty();
        assertThat(f.findings).isEmpty();
        assertThat(f.state().fileSystems()).isEmpty();
    }

    @Test
    void shouldResolveEverythingOnceWhenTheFileSystemIsDeleted() {
        // Past the unplanned grace, so the unplanned finding is open too.
        Fixture f = new Fixture().home().feed(table("rtb-1", STANDBY, minutes(1)), poll(minutes(3))).clear();

        f.delete(FS);

        assertThat(f.findings).extracting(Finding::type).containsExactlyInAnyOrder(FindingType.FSX_FAILED_OVER,
                FindingType.FSX_UNPLANNED_FAILOVER);
        assertThat(f.findings).allSatisfy(x -> {
            assertThat(x.status()).isEqualTo(FindingStatus.RESOLVED);
            assertThat(x.endedAt()).isEqualTo(minutes(3));
        });
        assertThat(f.state().fileSystems()).isEmpty();
    }

    private static Finding last(List<Finding> findings) {
        assertThat(findings).isNotEmpty();
        return findings.get(findings.size() - 1);
    }
}
