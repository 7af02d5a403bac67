package io.floatwatch.analyzer.core.failover;

import static io.floatwatch.analyzer.core.Fixture.FS;
import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.sources.HalfSeenPictureTest;
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Point 7 of issue 13: a /32 route to an ENI that no longer exists is a blackhole whether or not its file
 * system still exists, and is reported until the route is removed.
 */
class OrphanRouteTest {

    private static Route blackhole(String eni) {
        return new Route(IP + "/32", eni, Route.BLACKHOLE, "CreateRoute");
    }

    /** The file system at home, plus rtb-old: a table FSx does not manage that still holds a /32 to its ENI. */
    private static Fixture withLeftoverTable() {
        Fixture f = new Fixture().home();
        f.feed(World.rtb("rtb-old", "vpc-1", false, List.of(), World.FSX_TAG, T0, World.r(IP + "/32", PREFERRED)));
        return f;
    }

    @Test
    void shouldReportARouteLeftBehindByADeletedFileSystemUntilTheRouteIsRemoved() {
        Fixture f = withLeftoverTable();
        f.delete(FS);
        f.delete(PREFERRED);
        f.delete(STANDBY);
        // FSx removes its routes from the tables it manages; the one it no longer manages keeps it, a blackhole now.
        f.feed(Fixture.table("rtb-1", minutes(1)), Fixture.table("rtb-2", minutes(1)),
                World.rtb("rtb-old", "vpc-1", false, List.of(), World.FSX_TAG, minutes(1), blackhole(PREFERRED)));

        Finding orphan = f.firing(FindingType.FLOATING_ROUTE_ORPHANED).get(0);
        assertThat(orphan.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "rtb-old").containsEntry(Labels.FLOATING_IP, IP);
        assertThat(orphan.evidence()).containsEntry("target", PREFERRED).containsEntry("route_state", Route.BLACKHOLE);
        assertThat(orphan.summary()).contains("an ENI that no longer exists").contains("until it is deleted");

        // Time passes and the table is re-read unchanged: still reported, never closed for the file system being gone.
        f.clear();
        f.feed(HalfSeenPictureTest.ok(SourceNames.ROUTE_TABLES, minutes(30)),
                World.rtb("rtb-old", "vpc-1", false, List.of(), World.FSX_TAG, minutes(60), blackhole(PREFERRED)));
        assertThat(f.findings).isEmpty();
        assertThat(f.firing(FindingType.FLOATING_ROUTE_ORPHANED)).isEmpty(); // nothing new was emitted...
        assertThat(f.state().open()).containsKey(orphan.id()); // ...because it is still open

        f.feed(World.rtb("rtb-old", "vpc-1", false, List.of(), World.FSX_TAG, minutes(61)));

        assertThat(f.findings).singleElement().satisfies(resolved -> {
            assertThat(resolved.id()).isEqualTo(orphan.id());
            assertThat(resolved.firing()).isFalse();
            assertThat(resolved.summary()).contains("was removed");
        });
    }

    @Test
    void shouldJudgeAFileSystemBeingDeletedAsGoneSoItsVanishingRoutesPageOnlyWhatIsLeftBehind() {
        Fixture f = withLeftoverTable();
        f.feed(withLifecycle(Fixture.fileSystem(minutes(1)), Lifecycle.DELETING));
        f.clear();
        // FSx removes its routes while deleting; the tables are read before the file system is gone.
        f.feed(Fixture.table("rtb-1", minutes(2)), Fixture.table("rtb-2", minutes(2)));
        assertThat(f.findings).as("a table without the route of a file system being deleted").isEmpty();

        f.feed(World.rtb("rtb-old", "vpc-1", false, List.of(), World.FSX_TAG, minutes(3), blackhole(PREFERRED)));
        assertThat(f.findings).singleElement().satisfies(o -> assertThat(o.type()).isEqualTo(FindingType.FLOATING_ROUTE_ORPHANED));
    }

    private static io.floatwatch.model.observation.FileSystemObservation withLifecycle(
            io.floatwatch.model.observation.FileSystemObservation b, String lifecycle) {
        return new io.floatwatch.model.observation.FileSystemObservation(b.scope(), b.observedAt(), b.fileSystemId(),
                b.fileSystemType(), b.deploymentType(), lifecycle, b.vpcId(), b.endpointIpAddressRange(), b.floatingIps(),
                b.routeTableIds(), b.subnetIds(), b.preferredSubnetId(), b.networkInterfaceIds(), b.throughputCapacity(),
                b.weeklyMaintenanceStartTime(), b.administrativeActions());
    }

    @Test
    void shouldReportABlackholeToAGoneEniSeenOnlyAfterAFreshStartWithNoFileSystemLeft() {
        Fixture f = new Fixture();
        f.feed(World.rtb("rtb-old", "vpc-9", false, List.of(), Map.of(), T0, blackhole("eni-0gone")));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_ORPHANED)).singleElement()
                .satisfies(o -> assertThat(o.evidence()).containsEntry("managed_tag", "false"));
    }

    @Test
    void shouldLeaveARouteOfALiveFileSystemToItsOwnPieceAndReportAnActiveRouteToAnExistingEniNowhere() {
        Fixture f = new Fixture().home();
        f.feed(Fixture.table("rtb-1", T0, blackhole(PREFERRED)));
        f.feed(World.rtb("rtb-other", "vpc-1", false, List.of(), Map.of(), T0, World.r("10.0.9.9/32", STANDBY)));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_BAD_TARGET)).hasSize(1);
        assertThat(f.firing(FindingType.FLOATING_ROUTE_ORPHANED)).isEmpty();
    }

    @Test
    void shouldCloseTheOrphanWhenAFileSystemOfTheVpcFloatsTheAddressAgain() {
        Fixture f = new Fixture();
        f.feed(World.rtb("rtb-old", "vpc-1", false, List.of(), Map.of(), T0, blackhole("eni-0gone")));
        assertThat(f.firing(FindingType.FLOATING_ROUTE_ORPHANED)).hasSize(1);

        f.feed(Fixture.fileSystem(minutes(1)));

        assertThat(f.firing(FindingType.FLOATING_ROUTE_ORPHANED)).isEmpty();
        assertThat(f.findings(FindingType.FLOATING_ROUTE_ORPHANED)).last()
                .satisfies(r -> assertThat(r.summary()).contains("judged with that file system"));
    }
}
