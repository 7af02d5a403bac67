package io.floatwatch.app.faults;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_AZ;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, point 6, second half, through the whole pipeline: FSx replaces the preferred file server's ENI
 * and rewrites its floating routes to the new one. The file-system poll sees the old ENI gone while the
 * route-table reads still show the tables as they were before (EC2's reads are eventually consistent, and
 * each source is read at its own moment). Those two reads contradict each other; floatwatch waits for a
 * route-table read newer than the change, which shows the routes on the new ENI, and pages nothing.
 */
class ReadsOfDifferentMomentsIT {

    private static final String NEW_ENI = "eni-0a2b3c4d5e6f7a8f9";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    @Timeout(300)
    void shouldJudgeARouteToAVanishedEniOnlyOnATableReadNewerThanTheChange() throws Exception {
        try (FaultHarness h = new FaultHarness(); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            SimulatedRegion region = h.aws.region(REGION);
            StartFreshIT.healthyEstate(region);
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");
            StartFreshIT.awaitEverySource(tap, Instant.EPOCH);
            h.awaitBaseline(WAIT);
            assertThat(h.lines()).as("a healthy estate").isEmpty();

            region.freezeRouteTableReads();
            region.putNetworkInterface(new SimNetworkInterface(NEW_ENI, PREFERRED_SUBNET_ID, VPC_ID, PREFERRED_AZ, "interface",
                    "ENI for FSx " + FILE_SYSTEM_ID, List.of("10.0.1.77")));
            region.updateFileSystem(FILE_SYSTEM_ID, fs -> fs.withNetworkInterfaceIds(List.of(NEW_ENI, STANDBY_ENI_ID)));
            region.removeNetworkInterface(PREFERRED_ENI_ID);
            for (String table : OpenZfsFailoverScenario.routeTableIds()) {
                region.setRoute(table, FLOATING_ROUTE, NEW_ENI);
            }
            Instant changed = Instant.now();
            // Several file-system polls see the new ENI list and the old ENI gone; every route-table poll still answers
            // the tables as they were.
            FaultHarness.await(() -> tap.markers(m -> m.source().equals("fsx.file-systems") && m.ok()
                    && m.observedAt().isAfter(changed)).size() >= 3, WAIT, "three file-system polls after the change");
            assertThat(tap.markers(m -> m.source().equals("ec2.route-tables") && m.ok() && m.observedAt().isAfter(changed)))
                    .as("route-table polls went on meanwhile").isNotEmpty();
            assertThat(h.lines()).as("notifications from reads of different moments").isEmpty();

            region.thawRouteTableReads();
            FaultHarness.await(() -> h.scrapeAlerter().lines().anyMatch(l -> l.startsWith("floatwatch_fsx_route_target{")
                    && l.contains("eni_id=\"" + NEW_ENI + "\"") && l.endsWith(" 1.0")), WAIT, "the routes on the new ENI in /metrics");
            Thread.sleep(2_000);
            assertThat(h.lines()).as("notifications once the tables were read again").isEmpty();
        }
    }
}
