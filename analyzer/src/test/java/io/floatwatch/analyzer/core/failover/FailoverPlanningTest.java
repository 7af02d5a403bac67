package io.floatwatch.analyzer.core.failover;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/domain.md section 1: throughput changes and maintenance are planned causes; AZ or server faults are not. */
class FailoverPlanningTest {

    private static Fixture homeWith(String weekly) {
        Fixture f = new Fixture(RulePolicy.defaults());
        return f.feed(World.fileSystem(T0, "10.0.255.224/28", weekly), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0), table("rtb-1", PREFERRED, T0), table("rtb-2", PREFERRED, T0)).clear();
    }

    private static void failover(Fixture f, double at) {
        f.feed(table("rtb-1", STANDBY, minutes(at)), table("rtb-2", STANDBY, minutes(at)));
    }

    @Test
    void shouldCallFailoverPlannedWhenAThroughputChangeIsInProgress() {
        AdministrativeAction update = new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", T0, "ThroughputCapacity=320");
        Fixture f = new Fixture().home().feed(Fixture.fileSystem(minutes(0.5), update)).clear();

        failover(f, 10);

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        assertThat(f.firing(FindingType.FSX_FAILED_OVER).get(0).evidence()).containsEntry("planned_cause", "FILE_SYSTEM_UPDATE");
    }

    @Test
    void shouldCallFailoverUnplannedWhenNoActionWindowOrVpnMaintenanceExplainsIt() {
        Fixture f = homeWith("1:05:00"); // Monday 05:00; T0 is a Saturday

        failover(f, 10);
        f.feed(poll(minutes(12)));

        Finding unplanned = f.firing(FindingType.FSX_UNPLANNED_FAILOVER).get(0);
        assertThat(unplanned.severity()).isEqualTo(io.floatwatch.model.finding.Severity.CRITICAL);
        assertThat(unplanned.summary()).contains("no planned cause").contains("1:05:00 UTC");
        assertThat(unplanned.startedAt()).isEqualTo(minutes(10));
        assertThat(unplanned.runbook()).isNotBlank();
    }

    @Test
    void shouldNotCallFailoverUnplannedWhenTheAdministrativeActionShowsOnlyInTheNextFsxPoll() {
        Fixture f = homeWith("1:05:00");
        failover(f, 10);

        f.feed(poll(minutes(10.5)), World.fileSystem(minutes(11), "10.0.255.224/28", "1:05:00",
                new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", T0, "ThroughputCapacity=320")));
        f.feed(poll(minutes(13)), poll(minutes(30)));

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        assertThat(f.firing(FindingType.FSX_FAILED_OVER).get(0).summary()).contains("planned: FILE_SYSTEM_UPDATE");
    }

    @Test
    void shouldWaitForTheGraceWhenNoNewerFsxObservationArrives() {
        Fixture f = homeWith("1:05:00");
        failover(f, 10);

        f.feed(poll(minutes(11)), poll(minutes(11.9)));
        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();

        f.feed(poll(minutes(12)), poll(minutes(13)), poll(minutes(14)));
        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).singleElement()
                .satisfies(x -> assertThat(x.firing()).isTrue());
    }

    @Test
    void shouldFireUnplannedWhenTheNextFsxPollShowsNoActionBeforeTheGraceEnds() {
        Fixture f = homeWith("1:05:00");
        failover(f, 10);

        // The same content as the held observation: only its newer time says FSx had nothing in progress.
        f.feed(World.fileSystem(minutes(11), "10.0.255.224/28", "1:05:00"));

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).singleElement()
                .satisfies(x -> assertThat(x.firing()).isTrue());
    }

    @Test
    void shouldFireUnplannedWhenTheGraceEndsOnAnObservationThatChangesNothing() {
        Fixture f = homeWith("1:05:00");
        failover(f, 10);
        f.feed(table("rtb-1", STANDBY, minutes(11)));
        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();

        // Equal content only moves the clock, unless a deadline is reached: the grace is one.
        f.feed(table("rtb-2", STANDBY, minutes(12.5)));

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).singleElement()
                .satisfies(x -> assertThat(x.firing()).isTrue());
    }

    @Test
    void shouldHonourAConfiguredGraceWhenOneIsGiven() {
        Fixture f = new Fixture(new RulePolicy(null, null, null, null, RulePolicy.DEFAULT_FLAP_THRESHOLD, null,
                Duration.ofMinutes(5)));
        f.feed(World.fileSystem(T0, "10.0.255.224/28", "1:05:00"), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0), table("rtb-1", PREFERRED, T0), table("rtb-2", PREFERRED, T0));
        failover(f, 10);

        f.feed(poll(minutes(14)));
        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        f.feed(poll(minutes(15)));
        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).hasSize(1);
    }

    @Test
    void shouldKeepWaitingAcrossARestartWhenRestartedMidGraceAndThenSeeTheAction() throws Exception {
        Fixture after = restartedMidGrace();

        after.feed(World.fileSystem(minutes(11.5), "10.0.255.224/28", "1:05:00",
                new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", T0, "ThroughputCapacity=320")));
        after.feed(poll(minutes(13)));

        assertThat(after.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        assertThat(after.state().fileSystems().get(Fixture.FS).plannedCause()).isEqualTo("FILE_SYSTEM_UPDATE");
    }

    @Test
    void shouldFireUnplannedOnceWhenRestartedMidGraceAndNoActionShows() throws Exception {
        Fixture after = restartedMidGrace();

        after.feed(poll(minutes(11.5)));
        assertThat(after.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        after.feed(poll(minutes(12)), poll(minutes(13)));

        assertThat(after.findings(FindingType.FSX_UNPLANNED_FAILOVER)).singleElement()
                .satisfies(x -> assertThat(x.startedAt()).isEqualTo(minutes(10)));
    }

    /** Failed over at minute 10, nothing from FSx since, state written as JSON at minute 11 and read by a new core. */
    private static Fixture restartedMidGrace() throws Exception {
        java.util.Map<String, io.floatwatch.model.observation.Observation> latest = new java.util.LinkedHashMap<>();
        Fixture before = new Fixture(RulePolicy.defaults());
        for (io.floatwatch.model.observation.Observation o : new io.floatwatch.model.observation.Observation[] {
                World.fileSystem(T0, "10.0.255.224/28", "1:05:00"), Fixture.eni(PREFERRED, "subnet-1a", T0),
                Fixture.eni(STANDBY, "subnet-1c", T0), table("rtb-1", PREFERRED, T0), table("rtb-2", PREFERRED, T0),
                table("rtb-1", STANDBY, minutes(10)), table("rtb-2", STANDBY, minutes(10)), poll(minutes(11))}) {
            before.feed(o);
            latest.put(o.resourceId(), o);
        }
        assertThat(before.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();

        Fixture after = new Fixture(RulePolicy.defaults());
        after.restore(io.floatwatch.model.json.Json.mapper().readValue(
                io.floatwatch.model.json.Json.mapper().writeValueAsBytes(before.state()), ScopeState.class));
        latest.values().forEach(after.analyzer()::load);
        return after;
    }

    @Test
    void shouldCallFailoverPlannedWhenItStartsInsideTheWeeklyMaintenanceWindow() {
        Fixture f = homeWith("6:08:30"); // Saturday 08:30 UTC; the failover starts at 09:10

        failover(f, 10);

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        Finding failedOver = f.firing(FindingType.FSX_FAILED_OVER).get(0);
        assertThat(failedOver.evidence()).containsEntry("planned_cause", PlannedCause.MAINTENANCE_WINDOW);
        assertThat(failedOver.summary()).contains("inside the weekly maintenance window (6:08:30 UTC)");
    }

    @Test
    void shouldHandleAWindowThatWrapsFromSundayIntoMonday() {
        Instant mondayEarly = Instant.parse("2025-03-03T00:10:00Z");
        assertThat(PlannedCause.insideWeeklyWindow("7:23:50", mondayEarly, Duration.ofHours(1))).isTrue();
        assertThat(PlannedCause.insideWeeklyWindow("7:23:50", mondayEarly.plus(Duration.ofHours(1)), Duration.ofHours(1)))
                .isFalse();
        assertThat(PlannedCause.insideWeeklyWindow("bogus", mondayEarly, Duration.ofHours(1))).isFalse();
    }

    @Test
    void shouldCallFailoverPlannedWhenItHappensDuringVpnTunnelMaintenance() {
        Fixture f = homeWith("1:05:00");
        Tunnel inMaintenance = new Tunnel("203.0.113.1", "DOWN", "", minutes(8), 0, "169.254.10.0/30", 65000L,
                "tunnel endpoint replacement");
        f.feed(World.vgw(minutes(8)), World.vpnOnVgw("vpn-1", minutes(8), inMaintenance,
                World.up("203.0.113.2", 2, T0))).clear();

        failover(f, 10);

        assertThat(f.findings(FindingType.FSX_UNPLANNED_FAILOVER)).isEmpty();
        assertThat(f.firing(FindingType.FSX_FAILED_OVER).get(0).evidence())
                .containsEntry("planned_cause", PlannedCause.VPN_MAINTENANCE);
    }

    @Test
    void shouldReportFailbackOverdueWhenFailedOverLongerThanTheLimitAndResolveWhenFailbackStarts() {
        Fixture f = homeWith("6:08:30");
        failover(f, 10);

        f.feed(poll(minutes(69)));
        assertThat(f.findings(FindingType.FSX_FAILBACK_OVERDUE)).isEmpty();

        f.feed(poll(minutes(71)));
        Finding overdue = f.firing(FindingType.FSX_FAILBACK_OVERDUE).get(0);
        assertThat(overdue.startedAt()).isEqualTo(minutes(70));
        assertThat(overdue.summary()).contains("still failed over to eni-0c (subnet-1c) 1h after converging");
        assertThat(overdue.evidence()).containsEntry("on_eni", STANDBY).containsEntry("preferred_eni", PREFERRED);

        f.feed(table("rtb-1", PREFERRED, minutes(80)));
        assertThat(f.firing(FindingType.FSX_FAILBACK_OVERDUE)).isEmpty();
        assertThat(f.findings(FindingType.FSX_FAILBACK_OVERDUE)).last().satisfies(x -> assertThat(x.summary())
                .isEqualTo("fs-0abc failback started"));
    }

    @Test
    void shouldReportDeletedEniWhenTheFloatingRouteBecameABlackhole() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-2", minutes(5), new Route(IP + "/32", STANDBY, Route.BLACKHOLE, "CreateRoute")));

        Finding bad = f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET).get(0);
        assertThat(bad.evidence()).containsEntry("reason", "deleted_eni");
        assertThat(bad.summary()).contains("eni-0c, an ENI that no longer exists");
    }

    @Test
    void shouldReportDeletedEniWhenTheEniObservationWasTombstoned() {
        Fixture f = new Fixture().home().feed(table("rtb-2", "eni-0old", minutes(1)),
                Fixture.eni("eni-0old", "subnet-1c", minutes(1))).clear();

        f.delete("eni-0old");
        // The table was read before the ENI vanished: what was reported of the route (an ENI of no file system) stands
        // until a read of it newer than that; rtb-2 is FSx-managed, so the fast route-table poll's is one.
        assertThat(f.findings).as("nothing resolved or re-worded on reads of different moments").isEmpty();
        f.feed(poll(minutes(2)));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).singleElement()
                .satisfies(x -> assertThat(x.evidence()).containsEntry("reason", "deleted_eni"));
    }
}
