package io.floatwatch.bench.cost;

import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.bench.region.BenchSettings;
import io.floatwatch.bench.region.SyntheticRegion;
import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.PollResult;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.model.Scope;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimVpnConnection;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Asks the collector, not a spreadsheet, what the estate of issue 7 costs: the simulated account
 * holds the synthetic region, the real collector polls it through the real SDK, and the simulator
 * counts every request per operation. Round 1 is a first poll (everything is read); round 2 polls
 * every source but the route-table inventory again, which is what every fast poll costs afterwards.
 *
 * <p>The collector's EC2 rate limit is raised here only so that counting 500 pages does not take
 * 250 s; it changes how fast calls go, never how many.
 */
public final class CostBench {

    private CostBench() {
    }

    /** @param args {@code --quick}: only the calls/s by source (skips the two whole-estate reports before it) */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Scope scope = SyntheticRegion.SCOPE;
        try (AwsSimulator aws = AwsSimulator.start(scope.account()); EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            install(aws.region(scope.region()));
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
            CollectorSettings settings = BenchSettings.onSimulator(scope, broker.bootstrapServers(), aws.endpoint(), Map.of(), 100, 100);
            Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            try (Collector collector = Collector.create(settings,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH0FLOATWATCH", "bench-secret")), clock,
                    new SimpleMeterRegistry())) {
                if (!quick) {
                    report("first poll of every source (the inventory reads all tables, the fast loop the managed ones)",
                            collector.pollOnce(), aws);
                    aws.resetFaultsAndCounts();
                    Set<String> allButInventory = new TreeSet<>(SourceRegistry.names());
                    allButInventory.remove(RouteTableInventorySource.NAME);
                    report("every source but the route-table inventory once more (what each fast poll costs)",
                            collector.pollOnce(allButInventory), aws);
                }
                rates(collector, aws);
            }
        }
    }

    /**
     * EC2 calls per second by source with the default intervals: each source polled alone once (its EC2 calls counted
     * at the simulator) over its default interval, the fast route-table loop at the interval its cadence gives that many
     * calls, steady and urgent. The route-table inventory takes only tokens the others leave (background priority), so
     * its rate is what it wants (its pages over 10 minutes) or what is left of the bucket, whichever is smaller.
     */
    private static void rates(Collector collector, AwsSimulator aws) {
        double bucket = CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND;
        RouteTableCadence cadence = new RouteTableCadence(RouteTableCadence.DEFAULT_INTERVAL, RouteTableCadence.DEFAULT_URGENT, bucket);
        System.out.printf(Locale.ROOT, "COST RATE EC2 calls/s per account and region with the default intervals; budget %.1f/s = 10 %% of "
                + "EC2's documented refill of 20/s for non-mutating actions%n", bucket);
        System.out.printf("COST RATE %-28s %10s %12s %10s %12s %10s%n", "source", "EC2/poll", "steady every", "calls/s", "urgent every",
                "calls/s");
        double steadyTotal = 0;
        double urgentTotal = 0;
        double inventoryWants = 0;
        double inventoryPages = 0;
        Duration cadenceSteady = Duration.ZERO;
        String steadyRead = "reads every managed table";
        Duration fullEvery = null;
        Duration cadenceUrgent = Duration.ZERO;
        boolean focusReads = false;
        for (SourceRegistry.Row row : SourceRegistry.ROWS) {
            aws.resetFaultsAndCounts();
            collector.pollOnce(Set.of(row.name()));
            long ec2 = aws.requests().stream().filter(r -> r.service().equals("ec2")).count();
            Duration steady = row.defaultInterval();
            Duration urgent = steady;
            double steadyRate = ec2 / (steady.toMillis() / 1000.0);
            double urgentRate = steadyRate;
            if (row.name().equals(RouteTableSource.NAME)) {
                steady = cadence.steady((int) ec2);
                steadyRate = ec2 / (steady.toMillis() / 1000.0);
                // Urgent: one file system's tables (one call) are the focus; a read of every table just happened.
                Instant now = Instant.now();
                RouteTableCadence.Knowledge k = new RouteTableCadence.Knowledge(List.of(), true, now, (int) ec2, Set.of("rtb-focus"), now);
                urgent = cadence.next(k, now).interval();
                boolean focusOnly = !cadence.readAll(k, now);
                focusReads = focusOnly;
                // Steady: the poll right after a full read is the flip sentinel where it is cheaper (with the next page of the
                // rolling read where a full read would be a long poll); full reads at the rest.
                aws.resetFaultsAndCounts();
                collector.pollOnce(Set.of(row.name()));
                long polled = aws.requests().stream().filter(r -> r.service().equals("ec2")).count();
                RouteTableCadence.Knowledge quiet = new RouteTableCadence.Knowledge(List.of(), false, null, (int) ec2, Set.of(), now, (int) polled);
                int pages = 0;
                for (int sentinelCalls = 1; sentinelCalls <= polled; sentinelCalls++) {
                    RouteTableCadence.Knowledge guess = new RouteTableCadence.Knowledge(List.of(), false, null, (int) ec2, Set.of(), now,
                            sentinelCalls);
                    int rolled = RouteTableCadence.rolling(guess) ? RouteTableCadence.rollingPages(guess) : 0;
                    if (sentinelCalls + rolled == polled) {
                        quiet = guess;
                        pages = rolled;
                        break;
                    }
                }
                long sentinel = polled - pages;
                if (RouteTableCadence.watching(quiet)) {
                    steady = cadence.next(quiet, now).interval();
                    Duration full = cadence.fullReadInterval(quiet);
                    if (pages > 0) {
                        steadyRate = polled / (steady.toMillis() / 1000.0);
                        System.out.printf(Locale.ROOT, "COST SENTINEL %d calls + %d page(s) of the rolling read every %.1fs = %.3f + %.3f "
                                + "calls/s; every managed table (%d pages) every %.1fs%n", sentinel, pages, steady.toMillis() / 1000.0,
                                sentinel / (steady.toMillis() / 1000.0), pages / (steady.toMillis() / 1000.0), ec2, full.toMillis() / 1000.0);
                        steadyRead = String.format(Locale.ROOT, "asks the flip sentinel (%d calls) and reads %d page(s) of the managed "
                                + "tables", sentinel, pages);
                    } else {
                        steadyRate = sentinel / (steady.toMillis() / 1000.0) + ec2 / (full.toMillis() / 1000.0);
                        System.out.printf(Locale.ROOT, "COST SENTINEL %d calls every %.1fs, full read of %d calls every %.1fs%n",
                                sentinel, steady.toMillis() / 1000.0, ec2, full.toMillis() / 1000.0);
                        steadyRead = String.format(Locale.ROOT, "asks the flip sentinel (%d calls)", sentinel);
                    }
                    fullEvery = full;
                }
                // Urgent: the focus call at what the urgent share leaves, beside the steady part (the sentinel, the rolling read).
                urgentRate = focusOnly ? steadyRate + 1 / (urgent.toMillis() / 1000.0) : ec2 / (urgent.toMillis() / 1000.0);
                if (focusOnly) {
                    System.out.printf(Locale.ROOT, "COST FOCUS 1 call every %.1fs = %.3f calls/s while urgent, beside the above%n",
                            urgent.toMillis() / 1000.0, 1 / (urgent.toMillis() / 1000.0));
                }
                cadenceSteady = steady;
                cadenceUrgent = urgent;
            }
            if (row.name().equals(RouteTableInventorySource.NAME)) {
                inventoryWants = steadyRate;
                inventoryPages = ec2;
            } else {
                steadyTotal += steadyRate;
                urgentTotal += urgentRate;
            }
            System.out.printf(Locale.ROOT, "COST RATE %-28s %10d %11.1fs %10.3f %11.1fs %10.3f%n", row.name(), ec2, steady.toMillis() / 1000.0,
                    steadyRate, urgent.toMillis() / 1000.0, urgentRate);
        }
        double inventorySteady = Math.min(inventoryWants, bucket - steadyTotal);
        double inventoryUrgent = Math.min(inventoryWants, Math.max(0, bucket - urgentTotal));
        System.out.printf(Locale.ROOT, "COST RATE inventory gets (background)            %10.3f (%.0f pages in %.0f s) %10.3f (%.0f s)%n",
                inventorySteady, inventoryPages, inventoryPages / inventorySteady, inventoryUrgent,
                inventoryUrgent > 0 ? inventoryPages / inventoryUrgent : Double.POSITIVE_INFINITY);
        double steadyAll = steadyTotal + inventorySteady;
        double urgentAll = urgentTotal + inventoryUrgent;
        System.out.printf(Locale.ROOT, "COST RATE total: steady %.3f/s, urgent %.3f/s (budget %.1f/s)%n", steadyAll, urgentAll, bucket);
        System.out.printf(Locale.ROOT, "COST RATIO EC2 calls/s / EC2's refill of 20/s at 50,000 tables = %.3f steady, %.3f urgent "
                + "(target <= 0.10); the fast loop %s every %.1f s%s, and while urgent %s every %.1f s%n", steadyAll / 20,
                urgentAll / 20, steadyRead, cadenceSteady.toMillis() / 1000.0,
                fullEvery == null ? "" : String.format(Locale.ROOT, " (every managed table every %.1f s)", fullEvery.toMillis() / 1000.0),
                focusReads ? "the urgent file system's tables" : "all of them", cadenceUrgent.toMillis() / 1000.0);
    }

    private static void report(String what, List<PollResult> results, AwsSimulator aws) {
        Map<String, Long> calls = new TreeMap<>(aws.requests().stream()
                .collect(Collectors.groupingBy(r -> r.service() + ":" + r.operation(), Collectors.counting())));
        System.out.println("COST " + what);
        results.forEach(r -> System.out.println("COST   source " + r));
        calls.forEach((op, n) -> System.out.println("COST   calls " + op + " = " + n));
    }

    /** The synthetic region as the simulated AWS answers it. */
    public static void install(SimulatedRegion region) {
        for (int fs = 0; fs < SyntheticRegion.FILE_SYSTEMS; fs++) {
            String vpc = SyntheticRegion.vpcId(fs);
            region.putVpc(vpc, SyntheticRegion.vpcCidr(fs));
            List<String> enis = new ArrayList<>();
            for (int az = 0; az < 2; az++) {
                String zone = az == 0 ? "ap-northeast-1a" : "ap-northeast-1c";
                region.putSubnet(new SimSubnet(SyntheticRegion.subnetId(fs, az), vpc, SyntheticRegion.subnetCidr(fs, az), zone));
                region.putNetworkInterface(new SimNetworkInterface(SyntheticRegion.eniId(fs, az), SyntheticRegion.subnetId(fs, az), vpc,
                        zone, "interface", "ENI for FSx " + SyntheticRegion.fileSystemId(fs),
                        List.of(SyntheticRegion.networkInterface(fs, az, Instant.EPOCH).privateIpAddresses().get(0))));
                enis.add(SyntheticRegion.eniId(fs, az));
            }
            List<String> managed = new ArrayList<>();
            for (int t = 0; t < SyntheticRegion.TABLES_PER_VPC; t++) {
                List<SimRoute> routes = new ArrayList<>(List.of(SimRoute.local(SyntheticRegion.vpcCidr(fs)),
                        SimRoute.to("0.0.0.0/0", "tgw-0123456789abcdef0")));
                if (t < SyntheticRegion.MANAGED_TABLES_PER_FILE_SYSTEM) {
                    routes.add(SimRoute.to(SyntheticRegion.floatingIp(fs) + "/32", enis.get(0)));
                    managed.add(SyntheticRegion.routeTableId(fs, t));
                }
                region.putRouteTable(SimRouteTable.of(SyntheticRegion.routeTableId(fs, t), vpc,
                        List.of(SyntheticRegion.subnetId(fs, t % 2)), routes));
            }
            region.putFileSystem(SimFileSystem.openZfsMultiAz(SyntheticRegion.fileSystemId(fs), vpc,
                    List.of(SyntheticRegion.subnetId(fs, 0), SyntheticRegion.subnetId(fs, 1)), enis,
                    SyntheticRegion.endpointRange(fs), SyntheticRegion.floatingIp(fs), managed, 160));
        }
        Instant since = Instant.parse("2025-12-01T00:00:00Z");
        for (int vpn = 0; vpn < SyntheticRegion.VPN_CONNECTIONS; vpn++) {
            List<SimVpnConnection.Tunnel> tunnels = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String ip = SyntheticRegion.tunnelState(vpn, i, since).tunnelIpAddress();
                tunnels.add(new SimVpnConnection.Tunnel(ip, "169.254." + (vpn % 250) + "." + (i * 4) + "/30", "UP", "2 BGP ROUTES",
                        since, 2));
            }
            region.putVpnConnection(new SimVpnConnection(String.format("vpn-%017x", vpn), "available",
                    String.format("cgw-%017x", vpn), null, "tgw-0123456789abcdef0", false, List.of(), tunnels));
        }
    }
}
