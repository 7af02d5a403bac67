package io.floatwatch.bench.group;

import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What one collector replica spends per scope at the default intervals, to tell how many scopes it holds: N scopes of the
 * simulated AWS (the OpenZFS scenario's small estate in each: 1 Multi-AZ file system, 3 route tables), every source of
 * the registry at its default interval (route tables every 2 s), the real SDK clients, a sink that only counts (the
 * Kafka side is the end-to-end benchmark's). After a warm-up it measures, over a window: the collector's CPU (every
 * thread but the simulator's), its threads, its heap after a GC, and the EC2 calls per scope and second.
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.floatwatch.bench.group.ScopesPerReplicaBench [scopes] [seconds]</pre>
 */
public final class ScopesPerReplicaBench {

    private static final List<String> REGIONS = List.of("ap-northeast-1", "eu-west-1", "us-east-1", "us-west-2");

    private ScopesPerReplicaBench() {
    }

    public static void main(String[] args) throws Exception {
        int scopes = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (AwsSimulator aws = AwsSimulator.start()) {
            List<Scope> scopeList = new ArrayList<>();
            List<AccountAccess> accounts = new ArrayList<>();
            for (int i = 0; scopeList.size() < scopes; i++) {
                String account = String.format("%012d", 100000000000L + i);
                String role = "arn:aws:iam::" + account + ":role/floatwatch-read";
                aws.allowRole(role, null);
                accounts.add(new AccountAccess(account, role, null));
                for (String region : REGIONS) {
                    if (scopeList.size() < scopes) {
                        OpenZfsFailoverScenario.installBaseline(aws.region(account, region));
                        scopeList.add(new Scope(account, region));
                    }
                }
            }
            // The defaults of every source, but the fast loops at their documented defaults (2 s, 60 s) and jitter 0.1.
            List<EndpointOverride> endpoints = EndpointOverride.SERVICES.stream().sorted()
                    .map(s -> new EndpointOverride(s, null, aws.endpoint())).toList();
            CollectorSettings settings = CollectorOptions.defaults()
                    .withInterval(RouteTableSource.NAME, Duration.ofSeconds(2))
                    .withInterval(FileSystemSource.NAME, Duration.ofSeconds(60))
                    .settings(scopeList, endpoints, accounts, List.of(), RouteTableCadence.Windows.DEFAULTS, "unused:9092", Map.of());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Clock clock = Clock.systemUTC();
            AtomicLong records = new AtomicLong();
            ObservationSink counting = new ObservationSink() {
                @Override
                public CompletableFuture<Void> send(ResourceKey key, Observation value, Instant timestamp) {
                    records.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void close() {
                }
            };
            try (AwsClients clients = new AwsClients(settings.awsAccess(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH0FLOATWATCH", "bench-secret")), registry)) {
                Sightings sightings = new Sightings();
                try (Collector collector = new Collector(settings, Collector.sources(clients, settings, clock, sightings), counting, clock,
                        registry, sightings)) {
                    collector.start();
                    Thread.sleep(Math.max(30_000, seconds * 500L)); // every source has polled once (the last first poll is ~30 s in)
                    Map<Long, Long> before = cpu(threads);
                    long calls = ec2Calls(aws);
                    long start = System.nanoTime();
                    Thread.sleep(seconds * 1000L);
                    double wall = (System.nanoTime() - start) / 1e9;
                    Map<Long, Long> after = cpu(threads);
                    long ec2 = ec2Calls(aws) - calls;
                    long cpuNanos = 0;
                    for (Map.Entry<Long, Long> t : after.entrySet()) {
                        cpuNanos += t.getValue() - before.getOrDefault(t.getKey(), 0L);
                    }
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    long heap = rt.totalMemory() - rt.freeMemory();
                    int collectorThreads = (int) Thread.getAllStackTraces().keySet().stream().filter(t -> !simulator(t.getName())).count();
                    System.out.printf("scopes %d, window %.0f s%n", scopes, wall);
                    System.out.printf("collector CPU %.1f ms/s in all = %.2f ms/s per scope (%.2f %% of a core per scope)%n",
                            cpuNanos / 1e6 / wall, cpuNanos / 1e6 / wall / scopes, cpuNanos / 1e7 / wall / scopes);
                    System.out.printf("EC2 calls %.2f/s per scope (budget %.1f/s per scope)%n", ec2 / wall / scopes,
                            CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND);
                    System.out.printf("threads %d (%.1f per scope); heap after GC %d MiB (simulator included)%n", collectorThreads,
                            collectorThreads / (double) scopes, heap >> 20);
                    System.out.printf("records sent %d%n", records.get());
                    Map<String, Long> kinds = new java.util.TreeMap<>();
                    Thread.getAllStackTraces().keySet().stream().filter(t -> !simulator(t.getName()))
                            .forEach(t -> kinds.merge(t.getName().replaceAll("[0-9]+", "N"), 1L, Long::sum));
                    System.out.println("threads by name: " + kinds);
                }
            }
        }
    }

    private static long ec2Calls(AwsSimulator aws) {
        return aws.requests().stream().filter(r -> r.service().equals("ec2")).count();
    }

    private static boolean simulator(String name) {
        return name.startsWith("aws-simulator") || name.startsWith("HTTP-Dispatcher");
    }

    /** CPU time of every live thread but the simulator's, by id. */
    private static Map<Long, Long> cpu(ThreadMXBean threads) {
        Map<Long, Long> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!simulator(t.getName())) {
                long ns = threads.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    out.put(t.getId(), ns);
                }
            }
        }
        return out;
    }
}
