package io.floatwatch.app.faults;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_CIDR;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.FindingNotification.Kind;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimulatedRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, point 7, through the whole pipeline: a file system is deleted while a /32 route to its ENI stays
 * behind in a table FSx does not manage. AWS shows that route as a blackhole; floatwatch pages it once as
 * FLOATING_ROUTE_ORPHANED, keeps it firing although the file system is gone, and resolves it when the route
 * is removed.
 */
class OrphanRouteIT {

    private static final String LEFTOVER = "rtb-0e3b4c5d6e7f8a9b7";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    @Timeout(300)
    void shouldReportARouteLeftBehindByADeletedFileSystemUntilItIsRemoved() throws Exception {
        try (FaultHarness h = new FaultHarness(); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            SimulatedRegion region = h.aws.region(REGION);
            StartFreshIT.healthyEstate(region);
            // A hand-made copy of the floating route in a table outside RouteTableIds: it works while the ENI exists.
            region.putRouteTable(SimRouteTable.of(LEFTOVER, VPC_ID, List.of(), List.of(SimRoute.local(VPC_CIDR),
                    SimRoute.to(FLOATING_ROUTE, PREFERRED_ENI_ID))).withTags(Map.of("Name", "old-fsx-clients")));
            // No declared client: one that mounts a deleted file system is a finding of its own (a path verdict).
            h.reconfigure(c -> {
                io.floatwatch.app.config.RuntimeConfig quick = StartFreshIT.withClientAndQuickInventory(c);
                return new io.floatwatch.app.config.RuntimeConfig(quick.bootstrapServers(), quick.kafkaProperties(), quick.accounts(),
                        quick.endpoints(), quick.collector(), quick.analyzer(), quick.alerter(), quick.httpHost(), quick.httpPort(),
                        List.of());
            });
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");
            StartFreshIT.awaitEverySource(tap, Instant.EPOCH);
            h.awaitBaseline(WAIT);
            assertThat(h.lines()).as("a healthy estate").isEmpty();

            // DeleteFileSystem answers DELETING at once; FSx removes its routes and the ENIs while deleting.
            region.startDeletingFileSystem(FILE_SYSTEM_ID);
            Instant deleting = Instant.now();
            FaultHarness.await(() -> !tap.markers(m -> m.source().equals("fsx.file-systems") && m.ok()
                    && m.observedAt().isAfter(deleting)).isEmpty(), WAIT, "a file-system poll during the deletion");
            region.deleteFileSystem(FILE_SYSTEM_ID);
            assertThat(region.routeTable(LEFTOVER).route(FLOATING_ROUTE)).hasValueSatisfying(r ->
                    assertThat(r.state()).isEqualTo(SimRoute.BLACKHOLE));
            FaultHarness.await(() -> h.findings(Kind.FIRING, FindingType.FLOATING_ROUTE_ORPHANED) > 0, WAIT,
                    "FLOATING_ROUTE_ORPHANED for " + LEFTOVER);
            FindingNotification page = orphanPages(h, Kind.FIRING).get(0);
            assertThat(page.finding().labels()).containsEntry("route_table_id", LEFTOVER).containsEntry("floating_ip", FLOATING_IP);
            assertThat(page.finding().summary()).contains(PREFERRED_ENI_ID).contains("no longer exists");

            // Inventories and file-system polls come and go: the file system stays gone, the route stays reported.
            Instant later = Instant.now();
            FaultHarness.await(() -> tap.markers(m -> m.source().equals("ec2.route-table-inventory") && m.ok()
                    && m.observedAt().isAfter(later)).size() >= 3, WAIT, "three more inventories");
            assertThat(orphanPages(h, Kind.FIRING)).as("paged once").hasSize(1);
            assertThat(orphanPages(h, Kind.RESOLVED)).as("not closed because the file system is gone").isEmpty();
            FaultHarness.await(() -> h.scrapeAlerter().lines().anyMatch(l -> l.startsWith("floatwatch_findings_active{")
                    && l.contains("type=\"floating_route_orphaned\"") && l.endsWith(" 1.0")), WAIT, "the finding active in /metrics");
            assertThat(h.notifications).filteredOn(n -> n instanceof FindingNotification f && f.kind() == Kind.FIRING)
                    .as("nothing else paged for the deletion").hasSize(1);

            region.deleteRoute(LEFTOVER, FLOATING_ROUTE);
            FaultHarness.await(() -> !orphanPages(h, Kind.RESOLVED).isEmpty(), WAIT, "the orphan to resolve once the route is removed");
            assertThat(orphanPages(h, Kind.RESOLVED).get(0).finding().summary()).contains("was removed");
        }
    }

    private static List<FindingNotification> orphanPages(FaultHarness h, Kind kind) {
        return h.notifications.stream().filter(n -> n instanceof FindingNotification f && f.kind() == kind
                        && f.finding().type() == FindingType.FLOATING_ROUTE_ORPHANED)
                .map(FindingNotification.class::cast).toList();
    }
}
