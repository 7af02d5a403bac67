package io.floatwatch.analyzer.core.sources;

import static io.floatwatch.analyzer.core.Fixture.FS;
import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Point 6 of issue 13: no page from a half-seen picture. After a start with empty state nothing that
 * needs a source is judged before that source completed a poll, and a route to an ENI that vanished is
 * judged only on a read of its table newer than the vanishing.
 */
public class HalfSeenPictureTest {

    private static final List<String> LINT_SOURCES = List.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES,
            SourceNames.ROUTE_TABLE_INVENTORY, SourceNames.VPCS, SourceNames.SUBNETS, SourceNames.TGW_ATTACHMENTS);

    public static PollCompleted ok(String source, Instant at) {
        return new PollCompleted(SCOPE, at, source, PollCompleted.OK, 1, 10, null);
    }

    static PollCompleted failed(String source, Instant at) {
        return new PollCompleted(SCOPE, at, source, PollCompleted.FAILED, 0, 10, "DescribeThings: boom");
    }

    private static Fixture gated(DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients);
        f.analyzer().gateOnFirstPolls(true);
        return f;
    }

    /** A client subnet whose own table is read after the main table: for a moment it seems to use the main one. */
    private static void feedHalfSeenCoverage(Fixture f) {
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), World.subnet("subnet-app", "vpc-1", "10.0.3.0/24", T0), Fixture.fileSystem(T0),
                Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0));
        f.feed(World.rtb("rtb-1", "vpc-1", false, List.of("subnet-1a"), World.FSX_TAG, T0, World.r(IP + "/32", PREFERRED)),
                World.rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), World.FSX_TAG, T0, World.r(IP + "/32", PREFERRED)),
                World.rtb("rtb-main", "vpc-1", true, List.of(), Map.of(), T0));
    }

    @Test
    void shouldReportACoverageGapFromAHalfSeenPictureWhenNotGated() {
        // The failure the gate exists for: rtb-1 is the main table, and rtb-app (the subnet's own) is not read yet.
        Fixture f = new Fixture(RulePolicy.defaults(), World.client("app", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1"));
        feedHalfSeenCoverage(f);

        assertThat(f.firing(FindingType.CLIENT_SUBNET_NOT_COVERED)).isNotEmpty();
    }

    @Test
    void shouldHoldCoverageLintUntilEverySourceItNeedsCompletedAPollWhenStartingEmpty() {
        Fixture f = gated(World.client("app", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1"));
        feedHalfSeenCoverage(f);
        for (String source : LINT_SOURCES.subList(0, LINT_SOURCES.size() - 1)) {
            f.feed(ok(source, minutes(1)));
        }
        assertThat(f.findings).as("one source still missing: nothing judged").isEmpty();

        // The subnet's own table arrives, FSx-managed, then the last source completes: nothing was ever wrong.
        f.feed(World.rtb("rtb-1", "vpc-1", false, List.of("subnet-1a", "subnet-app"), World.FSX_TAG, minutes(2),
                World.r(IP + "/32", PREFERRED)));
        f.feed(ok(SourceNames.ROUTE_TABLES, minutes(3)), ok(SourceNames.TGW_ATTACHMENTS, minutes(3)));

        assertThat(f.findings).isEmpty();
        assertThat(f.state().sources().get(SourceNames.TGW_ATTACHMENTS).completedAt()).isEqualTo(minutes(3));
    }

    @Test
    void shouldJudgeAHeldPieceAsSoonAsTheLastSourceItNeedsCompletes() {
        Fixture f = gated(World.client("app", Via.SAME_VPC, "10.0.3.0/24", "subnet-app", "vpc-1"));
        feedHalfSeenCoverage(f);
        f.feed(World.rtb("rtb-app", "vpc-1", false, List.of("subnet-app"), Map.of(), T0));
        for (String source : LINT_SOURCES) {
            f.feed(ok(source, minutes(1)));
        }
        assertThat(f.findings).isEmpty();

        // The inventory's tables are published by the route-table poll after it, so only that completes it.
        f.feed(ok(SourceNames.ROUTE_TABLES, minutes(2)));

        assertThat(f.firing(FindingType.CLIENT_SUBNET_NOT_COVERED)).singleElement()
                .satisfies(gap -> assertThat(gap.evidence()).containsEntry("route_table_id", "rtb-app"));
    }

    @Test
    void shouldHoldFloatingRouteFindingsButNotTheFailoverCycleUntilTablesAndFileSystemsCompletedAPoll() {
        Fixture f = gated();
        f.feed(Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0),
                Fixture.table("rtb-1", T0, new Route(IP + "/32", PREFERRED, Route.BLACKHOLE, "CreateRoute")),
                Fixture.table("rtb-2", T0));
        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).isEmpty();
        assertThat(f.firing(FindingType.FLOATING_ROUTE_MISSING)).isEmpty();

        f.feed(ok(SourceNames.FILE_SYSTEMS, minutes(1)));
        assertThat(f.findings).isEmpty();
        f.feed(ok(SourceNames.ROUTE_TABLES, minutes(1)));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).hasSize(1);
        assertThat(f.firing(FindingType.FLOATING_ROUTE_MISSING)).hasSize(1);
    }

    @Test
    void shouldNotGateAgainAfterARestartThatKeptItsStateNorWhenASourceFailsLater() {
        Fixture f = gated();
        f.feed(Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0),
                Fixture.table("rtb-1", PREFERRED, T0), Fixture.table("rtb-2", PREFERRED, T0),
                ok(SourceNames.FILE_SYSTEMS, minutes(1)), ok(SourceNames.ROUTE_TABLES, minutes(1)),
                failed(SourceNames.ROUTE_TABLES, minutes(2)));
        ScopeState kept = f.state();

        Fixture restarted = gated();
        restarted.analyzer().load(Fixture.fileSystem(T0));
        restarted.analyzer().load(Fixture.eni(PREFERRED, "subnet-1a", T0));
        restarted.analyzer().load(Fixture.eni(STANDBY, "subnet-1c", T0));
        restarted.analyzer().load(Fixture.table("rtb-1", PREFERRED, T0));
        restarted.analyzer().load(ok(SourceNames.FILE_SYSTEMS, minutes(1)));
        restarted.analyzer().load(failed(SourceNames.ROUTE_TABLES, minutes(2)));
        restarted.restore(kept);
        restarted.feed(Fixture.table("rtb-2", minutes(3), new Route(IP + "/32", PREFERRED, Route.BLACKHOLE, "CreateRoute")));

        assertThat(restarted.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).hasSize(1);
    }

    @Test
    void shouldJudgeARouteToAVanishedEniOnlyOnATableReadNewerThanTheVanishing() {
        Fixture f = gated();
        f.feed(Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0),
                Fixture.table("rtb-1", PREFERRED, T0), Fixture.table("rtb-2", PREFERRED, T0),
                ok(SourceNames.FILE_SYSTEMS, T0), ok(SourceNames.ROUTE_TABLES, T0));
        f.clear();

        // The file-system poll no longer lists eni-0a; the tables were read before that and still route to it.
        f.feed(ok(SourceNames.FILE_SYSTEMS, minutes(1)));
        f.delete(PREFERRED);
        assertThat(f.findings).as("two reads of different moments: no verdict on the route yet").isEmpty();
        assertThat(f.events(io.floatwatch.model.finding.EventType.ROUTE_TARGET)).isEmpty();

        // The inventory does not publish tables itself, and the fast route-table poll that re-reads these (managed)
        // tables has not run since the ENI vanished.
        f.feed(ok(SourceNames.ROUTE_TABLE_INVENTORY, minutes(1.2)));
        assertThat(f.findings).isEmpty();
        // That read still shows the route: now it is a route to an ENI that no longer exists.
        f.feed(ok(SourceNames.ROUTE_TABLES, minutes(1.5)));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).hasSize(2)
                .allSatisfy(bad -> assertThat(bad.evidence()).containsEntry("reason", "deleted_eni"));
    }

    @Test
    void shouldWaitForATableReadNewerThanTheFileSystemThatNoLongerListsTheEniItRoutesTo() {
        Fixture f = gated();
        f.feed(Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0),
                Fixture.table("rtb-1", PREFERRED, T0), Fixture.table("rtb-2", PREFERRED, T0),
                ok(SourceNames.FILE_SYSTEMS, T0), ok(SourceNames.ROUTE_TABLES, T0));
        f.clear();

        // FSx replaced the preferred file server's ENI and rewrote the routes; the file-system poll saw it first.
        io.floatwatch.model.observation.FileSystemObservation b = Fixture.fileSystem(minutes(1));
        f.feed(new io.floatwatch.model.observation.FileSystemObservation(b.scope(), b.observedAt(), b.fileSystemId(),
                b.fileSystemType(), b.deploymentType(), b.lifecycle(), b.vpcId(), b.endpointIpAddressRange(), b.floatingIps(),
                b.routeTableIds(), b.subnetIds(), b.preferredSubnetId(), List.of("eni-0new", STANDBY), b.throughputCapacity(),
                b.weeklyMaintenanceStartTime(), b.administrativeActions()), Fixture.eni("eni-0new", "subnet-1a", minutes(1)));
        f.delete(PREFERRED);
        assertThat(f.findings).as("the tables were read before the file system changed").isEmpty();

        f.feed(Fixture.table("rtb-1", "eni-0new", minutes(1.5)), Fixture.table("rtb-2", "eni-0new", minutes(1.5)),
                ok(SourceNames.ROUTE_TABLES, minutes(1.5)));

        assertThat(f.findings).isEmpty();
        assertThat(f.events(io.floatwatch.model.finding.EventType.ROUTE_TARGET)).hasSize(2)
                .allSatisfy(e -> assertThat(e.labels()).containsEntry(io.floatwatch.model.Labels.ENI_ID, "eni-0new"));
    }

    @Test
    void shouldJudgeABlackholeToAVanishedEniAtOnceSinceTheTableItselfSaysSo() {
        Fixture f = gated();
        f.feed(Fixture.fileSystem(T0), Fixture.eni(PREFERRED, "subnet-1a", T0), Fixture.eni(STANDBY, "subnet-1c", T0),
                Fixture.table("rtb-1", PREFERRED, T0), Fixture.table("rtb-2", PREFERRED, T0),
                ok(SourceNames.FILE_SYSTEMS, T0), ok(SourceNames.ROUTE_TABLES, T0));
        f.delete(PREFERRED);
        f.feed(Fixture.table("rtb-1", minutes(1), new Route(IP + "/32", PREFERRED, Route.BLACKHOLE, "CreateRoute")));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).singleElement()
                .satisfies(bad -> assertThat(bad.labels()).containsEntry(io.floatwatch.model.Labels.ROUTE_TABLE_ID, "rtb-1"));
        assertThat(f.state().fileSystems().get(FS)).isNotNull();
    }
}
