package io.floatwatch.app.faults;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ACCOUNT;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.role.Role;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.testkit.aws.SimDatapoint;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimVpnConnection;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, point 6 (and the fresh-start half of point 8): floatwatch started with empty state against a
 * healthy estate sends zero notifications, and so does a restart with empty state (a fresh analyzer state,
 * a fresh collector). The estate: the OpenZFS file system at home with FSx-managed, tagged tables; a
 * same-VPC client in a covered subnet; a route-table inventory that runs on its own cadence; and a VPN on a
 * Transit Gateway whose second tunnel is new, so CloudWatch has no datapoint for it yet.
 */
class StartFreshIT {

    static final String TUNNEL_SEEN = "198.51.100.10";
    static final String TUNNEL_NEW = "198.51.100.11";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** After every source's first poll: long enough for many fast polls, a few inventories and file-system polls. */
    private static final Duration SETTLE = Duration.ofSeconds(8);

    static void healthyEstate(SimulatedRegion region) {
        Map<String, String> fsx = Map.of("AmazonFSx", "ManagedByAmazonFSx");
        for (String id : OpenZfsFailoverScenario.routeTableIds()) {
            SimRouteTable t = region.routeTable(id);
            Map<String, String> tags = new HashMap<>(t.tags());
            tags.putAll(fsx);
            region.putRouteTable(t.withTags(tags));
        }
        Instant now = Instant.now();
        region.putVpnConnection(new SimVpnConnection("vpn-0fresh0000000001", "available", "cgw-0fresh", null, "tgw-0fresh", false,
                List.of(), List.of(
                        new SimVpnConnection.Tunnel(TUNNEL_SEEN, "169.254.20.0/30", "UP", "2 BGP ROUTES", now.minusSeconds(86_400), 2),
                        new SimVpnConnection.Tunnel(TUNNEL_NEW, "169.254.20.4/30", "UP", "2 BGP ROUTES", now.minusSeconds(60), 2))));
        // CloudWatch dates a datapoint at the start of its 5-minute period, so the newest one of a healthy tunnel is up to
        // 10 minutes old here; 10 and 15 minutes back made it up to 15, the telemetry grace, and paged by the clock.
        region.addTunnelState(TUNNEL_SEEN, List.of(new SimDatapoint(now.minus(Duration.ofMinutes(5)), 1.0),
                new SimDatapoint(now.minus(Duration.ofMinutes(10)), 1.0)));
    }

    /** The harness's config with the declared client and a route-table inventory every 2 s (production: 10 min). */
    static RuntimeConfig withClientAndQuickInventory(RuntimeConfig c) {
        CollectorOptions collector = c.collector().withInterval(io.floatwatch.collector.ec2.RouteTableInventorySource.NAME,
                Duration.ofSeconds(2));
        List<DeclaredClient> clients = List.of(new DeclaredClient("app-1a", ACCOUNT, REGION, "10.0.1.0/24", Via.SAME_VPC,
                PREFERRED_SUBNET_ID, VPC_ID, null, java.util.Set.of(FILE_SYSTEM_ID)));
        return new RuntimeConfig(c.bootstrapServers(), c.kafkaProperties(), c.accounts(), c.endpoints(), collector, c.analyzer(),
                c.alerter(), c.httpHost(), c.httpPort(), clients);
    }

    @Test
    @Timeout(300)
    void shouldSendZeroNotificationsWhenStartingAndRestartingWithEmptyStateAgainstAHealthyEstate() throws Exception {
        try (FaultHarness h = new FaultHarness(); PollMarkerTap tap = new PollMarkerTap(h.broker.bootstrapServers())) {
            healthyEstate(h.aws.region(REGION));
            h.reconfigure(StartFreshIT::withClientAndQuickInventory);
            h.startAll();
            FaultHarness.await(h::ready, WAIT, "every role to be ready");
            awaitEverySource(tap, Instant.EPOCH);
            h.awaitBaseline(WAIT);
            Thread.sleep(SETTLE.toMillis());
            assertThat(h.lines()).as("notifications after a start with empty state").isEmpty();
            assertThat(h.scrapeAlerter()).contains("floatwatch_fsx_active_role{");

            // Restart with empty state: a fresh analyzer (new application id and state directory) and a fresh collector.
            h.stop(Role.COLLECTOR);
            h.stop(Role.ANALYZER);
            AnalyzerOptions a = h.config().analyzer();
            java.nio.file.Path freshState = tempDir();
            h.reconfigure(c -> new RuntimeConfig(c.bootstrapServers(), c.kafkaProperties(), c.accounts(), c.endpoints(), c.collector(),
                    new AnalyzerOptions(a.applicationId() + "-fresh", freshState, a.stallDeadline(), a.rules()),
                    c.alerter(), c.httpHost(), c.httpPort(), c.clients()));
            Instant restarted = Instant.now();
            h.start(Role.ANALYZER);
            h.start(Role.COLLECTOR);
            FaultHarness.await(h::ready, WAIT, "every role to be ready again");
            awaitEverySource(tap, restarted);
            Thread.sleep(SETTLE.toMillis());

            assertThat(h.lines()).as("notifications after a restart with empty state").isEmpty();
        }
    }

    private static java.nio.file.Path tempDir() throws java.io.IOException {
        return Files.createTempDirectory("floatwatch-fresh-state-");
    }

    static void awaitEverySource(PollMarkerTap tap, Instant after) throws InterruptedException {
        for (SourceRegistry.Row row : SourceRegistry.ROWS) {
            FaultHarness.await(() -> !tap.markers(m -> m.scope().region().equals(REGION) && m.source().equals(row.name()) && m.ok()
                    && m.observedAt().isAfter(after)).isEmpty(), WAIT, "an ok poll of " + row.name() + " after " + after);
        }
    }
}
