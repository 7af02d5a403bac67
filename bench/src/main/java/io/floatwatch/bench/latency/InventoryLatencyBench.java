package io.floatwatch.bench.latency;

import io.floatwatch.bench.cost.CostBench;
import io.floatwatch.bench.region.BenchSettings;
import io.floatwatch.bench.region.SyntheticRegion;
import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The fast route-table loop while the route-table inventory of the 50,000-table region runs, on the
 * wall clock with production settings: every source on its default interval, EC2 at 2 calls/s with
 * a burst of 10 per account and region, the real SDK against the simulated account. FSx flips one
 * managed table at a time, at a random moment; per flip it records how long until the collector
 * published the new route (the collector's share of detection latency; the pipeline behind it
 * adds 0.1-0.2 s, see LatencyBench), whether an inventory was under way, the gaps between
 * fast-loop markers, and the EC2 calls the simulator received.
 *
 * <p>Usage: {@code InventoryLatencyBench [flips after the first inventory]} (default 3).
 */
public final class InventoryLatencyBench {

    private record Seen(ResourceKey key, Observation value, long nanos) {
    }

    private InventoryLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int after = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Scope scope = SyntheticRegion.SCOPE;
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ObservationSink sink = new ObservationSink() {
            @Override
            public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
                // Markers, and the managed tables (the ones with a floating /32): the 48,000 others do not matter here.
                if (value instanceof PollCompleted || value instanceof RouteTableObservation t
                        && t.routes().stream().anyMatch(r -> r.destination() != null && r.destination().endsWith("/32"))) {
                    seen.add(new Seen(key, value, System.nanoTime()));
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        try (AwsSimulator aws = AwsSimulator.start(scope.account())) {
            CostBench.install(aws.region(scope.region()));
            Map<String, Duration> intervals = new HashMap<>();
            SourceRegistry.ROWS.forEach(r -> intervals.put(r.name(), r.defaultInterval()));
            CollectorSettings settings = BenchSettings.onSimulator(scope, "unused:9092", aws.endpoint(), intervals,
                    CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND, CollectorSettings.DEFAULT_EC2_BURST);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Sightings sightings = new Sightings();
            try (AwsClients clients = new AwsClients(settings.awsAccess(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH0FLOATWATCH", "bench-secret")), registry);
                    Collector collector = new Collector(settings, Collector.sources(clients, settings, Clock.systemUTC(), sightings), sink,
                            Clock.systemUTC(), registry, sightings)) {
                long started = System.nanoTime();
                collector.start();
                System.out.printf("INVENTORY %d tables, EC2 %.0f calls/s burst %d, fast loop every %s, inventory every %s%n",
                        SyntheticRegion.ROUTE_TABLES, settings.ec2CallsPerSecond(), settings.ec2Burst(),
                        settings.pollInterval(RouteTableSource.NAME), settings.pollInterval(RouteTableInventorySource.NAME));
                await(() -> markers(seen, FileSystemSource.NAME) > 0 && markers(seen, RouteTableSource.NAME) > 0, Duration.ofMinutes(5));
                Random random = new Random(7);
                List<long[]> samples = new ArrayList<>();
                Set<Integer> flippedFileSystems = new HashSet<>();
                int flipsAfterInventory = -1;
                while (flipsAfterInventory < after) {
                    Thread.sleep(10_000 + random.nextInt(30_000));
                    boolean during = markers(seen, RouteTableInventorySource.NAME) == 0;
                    int fs = random.nextInt(SyntheticRegion.FILE_SYSTEMS);
                    while (!flippedFileSystems.add(fs)) {
                        fs = random.nextInt(SyntheticRegion.FILE_SYSTEMS);
                    }
                    // Each flip moves another file system's first managed table to its standby ENI.
                    String table = SyntheticRegion.routeTableId(fs, 0);
                    String eni = SyntheticRegion.eniId(fs, 1);
                    String ip = SyntheticRegion.floatingIp(fs);
                    long flipped = System.nanoTime();
                    aws.region(scope.region()).setRoute(table, ip + "/32", eni);
                    await(() -> published(seen, table, ip, eni, flipped) > 0, Duration.ofMinutes(10));
                    long latency = published(seen, table, ip, eni, flipped) - flipped;
                    samples.add(new long[] {during ? 1 : 0, latency});
                    System.out.printf("INVENTORY flip %s -> %s: published after %d ms (%s)%n", table, eni, latency / 1_000_000,
                            during ? "inventory under way" : "no inventory");
                    if (!during || markers(seen, RouteTableInventorySource.NAME) > 0) {
                        flipsAfterInventory++;
                    }
                }
                long ended = System.nanoTime();
                report(seen, samples, aws, started, ended);
            }
        }
    }

    private static void report(List<Seen> seen, List<long[]> samples, AwsSimulator aws, long started, long ended) {
        PollCompleted inventory = seen.stream().filter(s -> s.value() instanceof PollCompleted m
                && m.source().equals(RouteTableInventorySource.NAME)).map(s -> (PollCompleted) s.value()).findFirst().orElseThrow();
        long inventoryEnd = seen.stream().filter(s -> s.value() instanceof PollCompleted m && m.source().equals(RouteTableInventorySource.NAME))
                .mapToLong(Seen::nanos).findFirst().orElseThrow();
        long inventoryStart = inventoryEnd - Duration.ofMillis(inventory.durationMillis()).toNanos();
        List<Long> fast = seen.stream().filter(s -> s.value() instanceof PollCompleted m && m.source().equals(RouteTableSource.NAME))
                .map(Seen::nanos).toList();
        long maxGapDuring = 0;
        int fastDuring = 0;
        for (int i = 1; i < fast.size(); i++) {
            if (fast.get(i) > inventoryStart && fast.get(i) <= inventoryEnd) {
                maxGapDuring = Math.max(maxGapDuring, fast.get(i) - fast.get(i - 1));
                fastDuring++;
            }
        }
        List<Long> ec2 = aws.requests().stream().filter(r -> r.service().equals("ec2") && r.nanoTime() >= started && r.nanoTime() <= ended)
                .map(AwsSimulator.Request::nanoTime).sorted().toList();
        long pages = aws.requests().stream().filter(r -> r.operation().equals(RouteTableSource.OPERATION)
                && r.nanoTime() >= inventoryStart && r.nanoTime() <= inventoryEnd).count();
        int maxIn10s = 0;
        for (int i = 0, j = 0; i < ec2.size(); i++) {
            while (j < ec2.size() && ec2.get(j) - ec2.get(i) < 10_000_000_000L) {
                j++;
            }
            maxIn10s = Math.max(maxIn10s, j - i);
        }
        double seconds = (ended - started) / 1e9;
        System.out.printf("INVENTORY first inventory: %d tables in %.0f s (%d DescribeRouteTables calls in that time, fast loop's included)%n",
                inventory.resourceCount(), inventory.durationMillis() / 1000.0, pages);
        System.out.printf("INVENTORY fast-loop polls during it: %d, longest gap between two %.1f s%n", fastDuring, maxGapDuring / 1e9);
        System.out.printf("INVENTORY EC2 calls: %d in %.0f s = %.2f/s; at most %d in any 10 s%n", ec2.size(), seconds, ec2.size() / seconds,
                maxIn10s);
        for (int during = 1; during >= 0; during--) {
            int d = during;
            List<Long> ms = samples.stream().filter(s -> s[0] == d).map(s -> s[1] / 1_000_000).sorted().toList();
            if (!ms.isEmpty()) {
                System.out.printf("INVENTORY flip-to-publish %s: n=%d p50=%d ms max=%d ms%n", d == 1 ? "during the inventory" : "without",
                        ms.size(), ms.get(ms.size() / 2), ms.get(ms.size() - 1));
            }
        }
    }

    private static long markers(List<Seen> seen, String source) {
        return seen.stream().filter(s -> s.value() instanceof PollCompleted m && m.source().equals(source) && m.ok()).count();
    }

    /** When the new route of the table was first published after the flip, or 0. */
    private static long published(List<Seen> seen, String table, String ip, String eni, long after) {
        return seen.stream().filter(s -> s.nanos() > after && s.value() instanceof RouteTableObservation t && t.routeTableId().equals(table)
                && t.hostRoute(ip).map(r -> eni.equals(r.targetId())).orElse(false)).mapToLong(Seen::nanos).findFirst().orElse(0);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not seen within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
