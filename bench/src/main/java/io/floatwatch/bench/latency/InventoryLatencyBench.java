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
 * <p>Usage: {@code InventoryLatencyBench [flips after the first inventory] [--flips N] [--gap MIN-MAX] [--complete]}: at least
 * that many flips after the first inventory (default 3) and N in all (default 0), one every MIN-MAX seconds (default 10-40);
 * with {@code --complete}, once a flip is published the file system's other managed tables move too, as FSx moves them within
 * about a minute, so no file system stays half-flipped and the focus reads do not grow with every flip.
 */
public final class InventoryLatencyBench {

    private record Seen(ResourceKey key, Observation value, long nanos) {
    }

    private InventoryLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int after = 3;
        int total = 0;
        int gapMin = 10;
        int gapMax = 40;
        boolean complete = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flips" -> total = Integer.parseInt(args[++i]);
                case "--gap" -> {
                    String[] range = args[++i].split("-");
                    gapMin = Integer.parseInt(range[0]);
                    gapMax = Integer.parseInt(range[1]);
                }
                case "--complete" -> complete = true;
                default -> after = Integer.parseInt(args[i]);
            }
        }
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
                // Flips start once the fast loop has read the managed tables (its first poll may come before the file systems'
                // and read none): a flip before that would be in the cold start's first read, not a failover to detect.
                await(() -> markers(seen, FileSystemSource.NAME) > 0 && managedReadAndMarked(seen), Duration.ofMinutes(5));
                // And once every other source's first poll is done: at a cold start they all poll at once and drain the shared
                // EC2 bucket for half a minute or so, which is a start, not the steady state a failover finds.
                Set<String> others = new HashSet<>(SourceRegistry.names());
                others.remove(RouteTableInventorySource.NAME);
                long firstPollsDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (!others.stream().allMatch(name -> polled(seen, name)) && System.nanoTime() < firstPollsDeadline) {
                    Thread.sleep(100);
                }
                System.out.printf("INVENTORY flips start %.1f s after the start%n", (System.nanoTime() - started) / 1e9);
                Random random = new Random(7);
                List<long[]> samples = new ArrayList<>();
                Set<Integer> flippedFileSystems = new HashSet<>();
                int flipsAfterInventory = -1;
                while (flipsAfterInventory < after || samples.size() < total) {
                    Thread.sleep(gapMin * 1000L + random.nextInt(Math.max(1, (gapMax - gapMin) * 1000)));
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
                    System.out.printf("INVENTORY flip %s -> %s at +%.1f s: published after %d ms (%s)%n", table, eni,
                            (flipped - started) / 1e9, latency / 1_000_000, during ? "inventory under way" : "no inventory");
                    if (complete) {
                        for (int t = 1; t < SyntheticRegion.MANAGED_TABLES_PER_FILE_SYSTEM; t++) {
                            aws.region(scope.region()).setRoute(SyntheticRegion.routeTableId(fs, t), ip + "/32", eni);
                        }
                    }
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
        // With --flips and no flip required after it, the run can end before the first inventory does: then it is still under way.
        PollCompleted inventory = seen.stream().filter(s -> s.value() instanceof PollCompleted m
                && m.source().equals(RouteTableInventorySource.NAME)).map(s -> (PollCompleted) s.value()).findFirst().orElse(null);
        long inventoryEnd = seen.stream().filter(s -> s.value() instanceof PollCompleted m && m.source().equals(RouteTableInventorySource.NAME))
                .mapToLong(Seen::nanos).findFirst().orElse(ended);
        long inventoryStart = inventory == null ? started : inventoryEnd - Duration.ofMillis(inventory.durationMillis()).toNanos();
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
        if (inventory == null) {
            System.out.printf("INVENTORY first inventory: still under way after %.0f s (%d DescribeRouteTables calls in that time, fast "
                    + "loop's included)%n", (ended - started) / 1e9, pages);
        } else {
            System.out.printf("INVENTORY first inventory: %d tables in %.0f s (%d DescribeRouteTables calls in that time, fast loop's "
                    + "included)%n", inventory.resourceCount(), inventory.durationMillis() / 1000.0, pages);
        }
        System.out.printf("INVENTORY fast-loop polls during it: %d, longest gap between two %.1f s%n", fastDuring, maxGapDuring / 1e9);
        System.out.printf("INVENTORY EC2 calls: %d in %.0f s = %.2f/s; at most %d in any 10 s%n", ec2.size(), seconds, ec2.size() / seconds,
                maxIn10s);
        List<Long> all = samples.stream().map(s -> s[1] / 1_000_000).sorted().toList();
        if (!all.isEmpty()) {
            System.out.printf("INVENTORY flip-to-publish all: n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms; within 7 s: %d%n", all.size(),
                    percentile(all, 50), percentile(all, 90), percentile(all, 99), all.get(all.size() - 1),
                    all.stream().filter(ms -> ms <= 7000).count());
            System.out.println("INVENTORY flip-to-publish sorted (ms): " + all);
        }
        for (int during = 1; during >= 0; during--) {
            int d = during;
            List<Long> ms = samples.stream().filter(s -> s[0] == d).map(s -> s[1] / 1_000_000).sorted().toList();
            if (!ms.isEmpty()) {
                System.out.printf("INVENTORY flip-to-publish %s: n=%d p50=%d ms max=%d ms%n", d == 1 ? "during the inventory" : "without",
                        ms.size(), ms.get(ms.size() / 2), ms.get(ms.size() - 1));
            }
        }
    }

    /** The nearest-rank percentile: the smallest sample at or above {@code p} % of them. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Whether {@code source} has finished a poll, ok or not. */
    private static boolean polled(List<Seen> seen, String source) {
        return seen.stream().anyMatch(s -> s.value() instanceof PollCompleted m && m.source().equals(source));
    }

    /** Whether a fast-loop marker follows the first managed table published. */
    private static boolean managedReadAndMarked(List<Seen> seen) {
        long firstManaged = seen.stream().filter(s -> s.value() instanceof RouteTableObservation).mapToLong(Seen::nanos).findFirst().orElse(0);
        return firstManaged > 0 && seen.stream().anyMatch(s -> s.nanos() >= firstManaged && s.value() instanceof PollCompleted m
                && m.source().equals(RouteTableSource.NAME) && m.ok());
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
