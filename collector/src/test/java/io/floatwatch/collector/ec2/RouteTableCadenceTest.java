package io.floatwatch.collector.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.collector.ec2.RouteTableCadence.Decision;
import io.floatwatch.collector.ec2.RouteTableCadence.Knowledge;
import io.floatwatch.collector.ec2.RouteTableCadence.Reason;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableCadenceTest {

    /** A Wednesday. */
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    private final RouteTableCadence cadence = new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0);

    private static FileSystemObservation fs(String deployment, String maintenance, List<AdministrativeAction> actions) {
        return new FileSystemObservation(SCOPE, NOW, "fs-1", "OPENZFS", deployment, "AVAILABLE", "vpc-1", "10.0.255.224/28",
                List.of("10.0.255.231"), List.of("rtb-a", "rtb-b"), List.of("subnet-a", "subnet-b"), "subnet-a", List.of("eni-a", "eni-b"),
                160, maintenance, actions);
    }

    private static Knowledge knowing(FileSystemObservation... fileSystems) {
        return new Knowledge(List.of(fileSystems), false, null, 1);
    }

    @Test
    void shouldPollAtTheSteadyIntervalWhenNothingIsGoingOn() {
        Decision d = cadence.next(knowing(fs("MULTI_AZ_1", "7:03:00", List.of())), NOW);

        assertThat(d).isEqualTo(new Decision(Duration.ofSeconds(2), Reason.STEADY, false));
    }

    @Test
    void shouldPollUrgentlyWhenAnAdministrativeActionIsInProgressOrPending() {
        for (String status : List.of("IN_PROGRESS", "PENDING")) {
            AdministrativeAction update = new AdministrativeAction("FILE_SYSTEM_UPDATE", status, NOW.minusSeconds(60), "ThroughputCapacity=320");

            Decision d = cadence.next(knowing(fs("MULTI_AZ_1", null, List.of(update))), NOW);

            assertThat(d.interval()).as(status).isEqualTo(Duration.ofSeconds(1));
            assertThat(d.reason()).isEqualTo(Reason.ADMINISTRATIVE_ACTION);
        }
    }

    @Test
    void shouldStaySteadyWhenTheAdministrativeActionCompletedOrTheFileSystemIsSingleAz() {
        AdministrativeAction done = new AdministrativeAction("FILE_SYSTEM_UPDATE", "COMPLETED", NOW.minusSeconds(600), null);
        AdministrativeAction running = new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", NOW.minusSeconds(60), null);

        assertThat(cadence.next(knowing(fs("MULTI_AZ_1", null, List.of(done))), NOW).reason()).isEqualTo(Reason.STEADY);
        assertThat(cadence.next(knowing(fs("SINGLE_AZ_1", null, List.of(running))), NOW).reason()).isEqualTo(Reason.STEADY);
    }

    @Test
    void shouldPollUrgentlyInsideTheWeeklyMaintenanceWindowOnly() {
        // Wednesday is day 3: the window opens 09:45 and lasts MAINTENANCE_WINDOW (1 h).
        FileSystemObservation maintained = fs("MULTI_AZ_1", "3:09:45", List.of());

        assertThat(cadence.next(knowing(maintained), NOW).reason()).isEqualTo(Reason.MAINTENANCE_WINDOW);
        assertThat(cadence.next(knowing(maintained), Instant.parse("2026-12-02T09:44:59Z")).reason()).isEqualTo(Reason.STEADY);
        assertThat(cadence.next(knowing(maintained), Instant.parse("2026-12-02T10:45:00Z")).reason()).isEqualTo(Reason.STEADY);
        assertThat(cadence.next(knowing(maintained), Instant.parse("2026-12-09T09:50:00Z")).reason()).as("a week later")
                .isEqualTo(Reason.MAINTENANCE_WINDOW);
    }

    @Test
    void shouldSeeAWindowThatOpenedOnSundayNightStillOpenOnMondayMorning() {
        FileSystemObservation maintained = fs("MULTI_AZ_2", "7:23:50", List.of());

        assertThat(RouteTableCadence.inMaintenanceWindow("7:23:50", Instant.parse("2026-12-07T00:10:00Z"),
                RouteTableCadence.MAINTENANCE_WINDOW)).isTrue();
        assertThat(cadence.next(knowing(maintained), Instant.parse("2026-12-07T00:40:00Z")).reason()).isEqualTo(Reason.MAINTENANCE_WINDOW);
        assertThat(RouteTableCadence.inMaintenanceWindow("7:23:50", Instant.parse("2026-12-07T00:50:00Z"),
                RouteTableCadence.MAINTENANCE_WINDOW)).isFalse();
    }

    @Test
    void shouldIgnoreAMalformedOrAbsentMaintenanceStart() {
        for (String start : new String[] {null, "", "0:10:00", "8:10:00", "3:24:00", "3:9:45", "Wed:09:45"}) {
            assertThat(RouteTableCadence.inMaintenanceWindow(start, NOW, RouteTableCadence.MAINTENANCE_WINDOW))
                    .as(String.valueOf(start)).isFalse();
        }
    }

    @Test
    void shouldPollUrgentlyWhileTheManagedTablesDisagreeOrJustAfterARouteMoved() {
        assertThat(cadence.next(new Knowledge(List.of(), true, NOW.minusSeconds(300), 1), NOW))
                .isEqualTo(new Decision(Duration.ofSeconds(1), Reason.CONVERGING, false));
        assertThat(cadence.next(new Knowledge(List.of(), false, NOW.minusSeconds(30), 1), NOW).reason()).isEqualTo(Reason.CONVERGING);
        assertThat(cadence.next(new Knowledge(List.of(), false, NOW.minus(RouteTableCadence.CONVERGING_HOLD).minusSeconds(1), 1), NOW)
                .reason()).isEqualTo(Reason.STEADY);
    }

    @Test
    void shouldStretchTheIntervalToTheEc2ShareWhenAPollTakesManyCalls() {
        // 2,000 managed tables are 20 pages: at 2 calls/s the steady loop may take half (every 20 s); reading them all at
        // the urgent cadence would not fit, so urgent polls read the focus (one call) in what the urgent share leaves.
        Decision steady = cadence.next(new Knowledge(List.of(), false, null, 20), NOW);
        Decision urgent = cadence.next(new Knowledge(List.of(), true, NOW.minusSeconds(10), 20, Set.of("rtb-a", "rtb-b"), NOW), NOW);

        assertThat(steady).isEqualTo(new Decision(Duration.ofSeconds(20), Reason.STEADY, true));
        assertThat(urgent).isEqualTo(new Decision(Duration.ofSeconds(2), Reason.CONVERGING, true));
        assertThat(cadence.steady(20)).isEqualTo(Duration.ofSeconds(20));
        assertThat(cadence.steady(1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNeverPollUrgentlySlowerThanTheSteadyInterval() {
        RouteTableCadence slowUrgent = new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(10), 2.0);

        assertThat(slowUrgent.next(new Knowledge(List.of(), true, NOW.minusSeconds(10), 1), NOW).interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseIntervalsThatAreNotPositive() {
        assertThatThrownBy(() -> new RouteTableCadence(Duration.ZERO, Duration.ofSeconds(1), 2)).hasMessageContaining("interval");
        assertThatThrownBy(() -> new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(-1), 2)).hasMessageContaining("urgent");
        assertThatThrownBy(() -> new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 0)).hasMessageContaining("ec2");
    }

    @Test
    void shouldReadOnlyTheUrgentFileSystemsTablesBetweenFullReadsWhenEveryTableWouldNotFit() {
        AdministrativeAction update = new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", NOW.minusSeconds(60), null);
        FileSystemObservation updating = fs("MULTI_AZ_1", null, List.of(update));
        // 2,000 managed tables: 20 calls to read them all; the last full read 5 s ago.
        Knowledge big = new Knowledge(List.of(updating), false, null, 20, Set.of("rtb-moving"), NOW.minusSeconds(5));

        assertThat(cadence.readAll(big, NOW)).isFalse();
        assertThat(cadence.focus(big, NOW)).containsExactly("rtb-a", "rtb-b", "rtb-moving");
        // one focus call at what the urgent share leaves beside the full reads: 1 / (2/s x 0.25) = 2 s
        assertThat(cadence.next(big, NOW)).isEqualTo(new Decision(Duration.ofSeconds(2), Reason.ADMINISTRATIVE_ACTION, true));
        assertThat(cadence.readAll(big, NOW.plusSeconds(15))).as("the full read is a steady interval (20 s) old").isTrue();
    }

    @Test
    void shouldReadEveryTableOnEveryPollWhenThatFitsOrNothingIsUrgent() {
        AdministrativeAction update = new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", NOW.minusSeconds(60), null);
        Knowledge small = new Knowledge(List.of(fs("MULTI_AZ_1", null, List.of(update))), false, null, 1, Set.of(), NOW.minusSeconds(1));
        Knowledge calm = new Knowledge(List.of(fs("MULTI_AZ_1", null, List.of())), false, null, 20, Set.of(), NOW.minusSeconds(5));

        assertThat(cadence.readAll(small, NOW)).isTrue();
        assertThat(cadence.next(small, NOW).interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cadence.readAll(calm, NOW)).isTrue();
        assertThat(cadence.next(calm, NOW).interval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldWatchAsLongAsTheAnalyzerJudgesWhenItsWindowsAreLonger() {
        RouteTableCadence longer = new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0,
                new RouteTableCadence.Windows(Duration.ofHours(2), Duration.ofMinutes(30)));
        FileSystemObservation maintained = fs("MULTI_AZ_1", "3:09:45", List.of());
        Knowledge disagreeing = new Knowledge(List.of(), true, NOW.minus(RouteTableCadence.DISAGREEMENT_HOLD).minusSeconds(1), 1);

        assertThat(longer.next(knowing(maintained), Instant.parse("2026-12-02T11:00:00Z")).reason()).as("75 min into a 2 h window")
                .isEqualTo(Reason.MAINTENANCE_WINDOW);
        assertThat(cadence.next(knowing(maintained), Instant.parse("2026-12-02T11:00:00Z")).reason()).isEqualTo(Reason.STEADY);
        assertThat(longer.next(disagreeing, NOW).reason()).as("not stalled before a 30 min stall deadline")
                .isEqualTo(Reason.CONVERGING);
        assertThat(longer.next(new Knowledge(List.of(), true, NOW.minus(Duration.ofMinutes(31)), 1), NOW).reason())
                .isEqualTo(Reason.STEADY);
        assertThat(longer.focus(knowing(maintained), Instant.parse("2026-12-02T11:00:00Z")))
                .containsExactlyElementsOf(new java.util.TreeSet<>(maintained.routeTableIds()));
    }

    @Test
    void shouldLetAStalledFlipGoBackToTheSteadyCadenceAfterTheDisagreementHold() {
        Knowledge stalled = new Knowledge(List.of(), true, NOW.minus(RouteTableCadence.DISAGREEMENT_HOLD).minusSeconds(1), 1);

        assertThat(cadence.next(stalled, NOW).reason()).isEqualTo(Reason.STEADY);
    }

    @Test
    void shouldAlternateTheSentinelWithRarerFullReadsWhenAFullReadCostsMoreThanTheSentinelAndFitsAPoll() {
        // 400 managed tables (4 calls, within the poll cap), 100 file systems (1 sentinel call) at 2 calls/s.
        Knowledge k = new Knowledge(List.of(fs("MULTI_AZ_1", null, List.of())), false, null, 4, Set.of(), NOW, 1);

        assertThat(RouteTableCadence.rolling(k)).isFalse();
        assertThat(cadence.next(k, NOW)).as("1 call at 3/4 of half of 2/s is 1.3 s: the 2 s setting")
                .isEqualTo(new Decision(Duration.ofSeconds(2), Reason.STEADY, false));
        assertThat(cadence.fullReadInterval(k)).as("4 calls at the quarter left").isEqualTo(Duration.ofSeconds(16));
        assertThat(cadence.sentinel(k, NOW.plusSeconds(2))).isTrue();
        assertThat(cadence.readAll(k, NOW.plusSeconds(15))).isFalse();
        assertThat(cadence.readAll(k, NOW.plusSeconds(16))).isTrue();
        assertThat(cadence.sentinel(k, NOW.plusSeconds(16))).isFalse();
    }

    @Test
    void shouldRollTheFullReadBesideTheSentinelWhereAFullReadWouldBeALongPoll() {
        // 2,000 managed tables (20 calls), 500 file systems (3 sentinel calls) at 2 calls/s.
        Knowledge k = new Knowledge(List.of(fs("MULTI_AZ_1", null, List.of())), false, null, 20, Set.of(), NOW, 3);

        assertThat(RouteTableCadence.rolling(k)).isTrue();
        assertThat(RouteTableCadence.rollingPages(k)).as("one page beside 3 sentinel calls: the sentinel keeps 3/4").isEqualTo(1);
        assertThat(cadence.next(k, NOW)).as("3 + 1 calls at half of 2/s")
                .isEqualTo(new Decision(Duration.ofSeconds(4), Reason.STEADY, true));
        assertThat(cadence.fullReadInterval(k)).as("20 pages, one per poll").isEqualTo(Duration.ofSeconds(80));
        assertThat(cadence.flipInterval(k)).as("what floatwatch_poll_interval_seconds reports").isEqualTo(Duration.ofSeconds(4));
        for (int s = 4; s <= 400; s += 4) {
            assertThat(cadence.readAll(k, NOW.plusSeconds(s))).as("never a long full read after the first").isFalse();
            assertThat(cadence.sentinel(k, NOW.plusSeconds(s))).isTrue();
        }
        assertThat(cadence.readAll(new Knowledge(List.of(), false, null, 20, Set.of(), null, 3), NOW)).as("but the first").isTrue();
    }

    @Test
    void shouldKeepEveryRollingPollWithinTheCapWhereTheSentinelLeavesRoom() {
        for (int sentinelCalls = 1; sentinelCalls <= 3; sentinelCalls++) {
            Knowledge k = new Knowledge(List.of(), false, null, 50, Set.of(), NOW, sentinelCalls);

            assertThat(sentinelCalls + RouteTableCadence.rollingPages(k)).as("%d sentinel calls", sentinelCalls)
                    .isLessThanOrEqualTo(RouteTableCadence.POLL_CALL_CAP);
            double callsPerSecond = (sentinelCalls + RouteTableCadence.rollingPages(k)) / (cadence.next(k, NOW).interval().toMillis() / 1000.0);
            assertThat(callsPerSecond).as("within half of 2/s").isLessThanOrEqualTo(1.0);
        }
        Knowledge huge = new Knowledge(List.of(), false, null, 100, Set.of(), NOW, 5);
        assertThat(RouteTableCadence.rollingPages(huge)).as("at least one page, even past the cap").isEqualTo(1);
        assertThat(cadence.next(huge, NOW).interval()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shouldReportTheStretchedFullReadIntervalWhereNoSentinelRuns() {
        assertThat(cadence.flipInterval(new Knowledge(List.of(), false, null, 20, Set.of(), NOW, 0))).isEqualTo(Duration.ofSeconds(20));
        assertThat(cadence.flipInterval(new Knowledge(List.of(), false, null, 1, Set.of(), NOW, 0))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNotRunTheSentinelWhereAFullReadIsAsCheapOrNothingIsWatchedOrBeforeTheFirstFullRead() {
        Knowledge small = new Knowledge(List.of(), false, null, 1, Set.of(), NOW, 1);
        Knowledge unwatched = new Knowledge(List.of(), false, null, 20, Set.of(), NOW, 0);
        Knowledge first = new Knowledge(List.of(), false, null, 20, Set.of(), null, 3);

        assertThat(cadence.sentinel(small, NOW.plusSeconds(1))).isFalse();
        assertThat(cadence.next(small, NOW).interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cadence.sentinel(unwatched, NOW.plusSeconds(1))).isFalse();
        assertThat(cadence.next(unwatched, NOW).interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cadence.readAll(first, NOW)).isTrue();
    }

    @Test
    void shouldLeaveTheSentinelForFocusReadsWhileUrgent() {
        Knowledge converging = new Knowledge(List.of(), true, NOW, 20, Set.of("rtb-a"), NOW, 3);

        assertThat(cadence.sentinel(converging, NOW.plusSeconds(1))).isFalse();
        assertThat(cadence.readAll(converging, NOW.plusSeconds(1))).isFalse();
        assertThat(cadence.next(converging, NOW.plusSeconds(1)).reason()).isEqualTo(Reason.CONVERGING);
    }

    @Test
    void shouldAskTheSentinelWithAFocusPollOncePerItsIntervalWhileUrgent() {
        Knowledge asked = new Knowledge(List.of(), true, NOW, 20, Set.of("rtb-a"), NOW, 3, NOW);

        assertThat(cadence.sentinelWithFocus(asked, NOW.plusMillis(2_900))).isFalse();
        assertThat(cadence.sentinelWithFocus(asked, NOW.plusMillis(3_600)))
                .as("3 calls and a rolling page at the steady share: every 4 s, at the focus poll (every 2 s, jittered) nearest it")
                .isTrue();
        assertThat(cadence.readAll(asked, NOW.plusSeconds(80))).as("the full read rolls, urgent or not").isFalse();
        assertThat(cadence.sentinelWithFocus(asked, NOW.plusSeconds(80))).isTrue();
        Knowledge small = new Knowledge(List.of(), true, NOW, 4, Set.of("rtb-a"), NOW, 1, NOW);
        assertThat(cadence.readAll(small, NOW.plusSeconds(16))).as("a full read that fits a poll does not roll").isTrue();
        assertThat(cadence.sentinelWithFocus(small, NOW.plusSeconds(16))).as("a full read instead").isFalse();
        assertThat(cadence.sentinelWithFocus(new Knowledge(List.of(), true, NOW, 20, Set.of("rtb-a"), NOW, 0, null), NOW.plusSeconds(4)))
                .as("nothing to watch").isFalse();
    }
}
