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
 * and rewrites its floating routes to the new one. The file-system poll (every 0.5 s here) sees the old ENI
 * gone and the new one listed while the route tables were last read before the change (every 8 s here: in
 * production 60 s and 30 s, either may come first). Those two reads contradict each other; floatwatch waits
 * for a route-table read newer than the change, which shows the routes on the new ENI, and pages nothing.
 */
class ReadsOfDifferentMomentsIT {

    private static final String NEW_ENI = "eni-0a2b3c4d5e6f7a8f9";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration ROUTE_TABLES = Duration.ofSeconds(8);

    @Test
    @Timeout(300)
    void shouldJudgeARouteToAVanishedEniOnlyOnATableReadNewerThanTheChange() throws Exception {
        try (FaultHarness h = new FaultHarness(); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            SimulatedRegion region = h.aws.region(REGION);
            StartFreshIT.healthyEstate(region);
            h.reconfigure(c -> {
                return new io.floatwatch.app.config.RuntimeConfig(c.bootstrapServers(), c.kafkaProperties(), c.accounts(), c.endpoints(),
                        c.collector().withInterval(io.floatwatch.collector.ec2.RouteTableSource.NAME, ROUTE_TABLES)
                                .withInterval(io.floatwatch.collector.fsx.FileSystemSource.NAME, Duration.ofMillis(500)),
                        c.analyzer(), c.alerter(), c.httpHost(), c.httpPort(), c.clients());
            });
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");
            StartFreshIT.awaitEverySource(tap, Instant.EPOCH);
            h.awaitBaseline(WAIT);
            assertThat(h.lines()).as("a healthy estate").isEmpty();

            // Right after a route-table poll, so the next one is seconds away.
            int polled = tap.markers(m -> m.source().equals("ec2.route-tables")).size();
            FaultHarness.await(() -> tap.markers(m -> m.source().equals("ec2.route-tables")).size() > polled, WAIT,
                    "a route-table poll");
            region.putNetworkInterface(new SimNetworkInterface(NEW_ENI, PREFERRED_SUBNET_ID, VPC_ID, PREFERRED_AZ, "interface",
                    "ENI for FSx " + FILE_SYSTEM_ID, List.of("10.0.1.77")));
            region.updateFileSystem(FILE_SYSTEM_ID, fs -> fs.withNetworkInterfaceIds(List.of(NEW_ENI, STANDBY_ENI_ID)));
            region.removeNetworkInterface(PREFERRED_ENI_ID);
            for (String table : OpenZfsFailoverScenario.routeTableIds()) {
                region.setRoute(table, FLOATING_ROUTE, NEW_ENI);
            }
            Instant changed = Instant.now();
            // Several file-system polls see the new ENI list and the old ENI gone before the tables are read again.
            FaultHarness.await(() -> tap.markers(m -> m.source().equals("fsx.file-systems") && m.ok()
                    && m.observedAt().isAfter(changed)).size() >= 3, WAIT, "three file-system polls after the change");
            Thread.sleep(500); // the analyzer and alerter take their time too
            assertThat(tap.markers(m -> m.source().equals("ec2.route-tables") && m.observedAt().isAfter(changed)))
                    .as("no route-table read since the change yet, or this proves nothing").isEmpty();
            assertThat(h.lines()).as("notifications from reads of different moments").isEmpty();

            FaultHarness.await(() -> h.scrapeAlerter().lines().anyMatch(l -> l.startsWith("floatwatch_fsx_route_target{")
                    && l.contains("eni_id=\"" + NEW_ENI + "\"") && l.endsWith(" 1.0")), WAIT, "the routes on the new ENI in /metrics");
            Thread.sleep(2_000);
            assertThat(h.lines()).as("notifications once the tables were read again").isEmpty();
        }
    }
}
