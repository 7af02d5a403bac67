package io.floatwatch.app.group;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.Floatwatch;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Topics;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three collector replicas, each `floatwatch collector -c` in its own JVM with collector.group on, share 12 scopes
 * (4 accounts x 3 regions) of the simulated AWS through the embedded broker's consumer group. Every scope is polled by
 * exactly one replica (DescribeFileSystems counted per account and region at the simulator, never two polls of a scope
 * closer than half an interval); then one replica is killed (SIGKILL, no goodbye to the group) and a failover starts in
 * one of its scopes: the two others take its scopes over within the session timeout plus the rebalance and an interval,
 * still one poller per scope, and the observations topic gets no tombstone and no change but the failover's two route
 * tables, each once; the analyzer (its own JVM) pages that failover once.
 */
class CollectorGroupIT {

    private static final List<String> ACCOUNTS = List.of(AwsSimulator.DEFAULT_ACCOUNT, "111111111111", "222222222222", "333333333333");
    private static final List<String> REGIONS = List.of("ap-northeast-1", "eu-west-1", "us-east-1");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Pattern POLL_AGE = Pattern.compile(
            "floatwatch_poll_age_seconds\\{account=\"(\\d+)\",region=\"([a-z0-9-]+)\",source=\"fsx\\.file-systems\"} (\\S+)");
    private static final Pattern OWNED = Pattern.compile("(?m)^floatwatch_collector_scopes_owned (\\S+)");
    private static final Pattern MISMATCH = Pattern.compile("(?m)^floatwatch_collector_group_config_mismatch (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Replica(String name, Process process, int port, Path log) {
    }

    @Test
    void shouldPollEveryScopeOnceAcrossThreeReplicasAndTakeOverAKilledOnesScopesWithoutSpuriousRecords(@TempDir Path dir)
            throws Exception {
        List<Replica> replicas = new ArrayList<>();
        List<Replica> others = new ArrayList<>();
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            for (String account : ACCOUNTS) {
                if (!account.equals(aws.accountId())) {
                    aws.allowRole(role(account), null);
                }
                for (String region : REGIONS) {
                    OpenZfsFailoverScenario.installBaseline(aws.region(account, region));
                }
            }
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
            // The analyzer, to count the failover's pages: it reads committed records only.
            others.add(start(dir, "analyzer", broker.bootstrapServers(), aws));
            for (int i = 1; i <= 3; i++) {
                replicas.add(start(dir, "replica-" + i, broker.bootstrapServers(), aws));
            }

            // 1. All 12 scopes owned, 4 by each replica, none by two.
            Map<String, Set<String>> owners = awaitOwners(replicas, 3, Duration.ofSeconds(120));
            // Every source's first poll of every scope (the 10-minute ones come last, staggered by source order) has
            // published before the records count: from here on, an unchanged estate publishes markers only.
            awaitEverySourcePolled(aws, ACCOUNTS.stream().flatMap(a -> REGIONS.stream().map(r -> a + "/" + r)).toList(), 0, replicas);
            Thread.sleep(INTERVAL.multipliedBy(2).toMillis());
            Map<TopicPartition, Long> from = logEnd(broker.bootstrapServers());

            long windowStart = System.nanoTime();
            Thread.sleep(INTERVAL.multipliedBy(6).toMillis());
            assertEachScopePolledOncePerInterval(aws, windowStart, System.nanoTime(), "with three replicas " + owners);
            // Same config everywhere: every replica has compared the members since its last rebalance and found none differing,
            // under the name the alert FloatwatchCollectorGroupConfigMismatch reads.
            for (Replica r : replicas) {
                Matcher mismatch = MISMATCH.matcher(metrics(r));
                assertThat(mismatch.find()).as("%s exports the scope-list mismatch gauge", r.name()).isTrue();
                assertThat(Double.parseDouble(mismatch.group(1))).as("%s sees no replica with another scope list", r.name()).isZero();
            }

            // 2. Kill a replica; a failover starts in one of its scopes while its scopes have no owner.
            Replica victim = replicas.get(0);
            Set<String> orphaned = owners.get(victim.name());
            String flipped = new TreeSet<>(orphaned).first();
            long killed = System.nanoTime();
            victim.process().destroyForcibly();
            String[] flippedScope = flipped.split("/");
            aws.region(flippedScope[0], flippedScope[1]).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
            aws.region(flippedScope[0], flippedScope[1]).setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID);

            Map<String, Set<String>> after = awaitOwners(replicas.subList(1, 3), 2, Duration.ofSeconds(120));
            long slowest = 0;
            for (String scope : orphaned) {
                long firstPoll = aws.requests().stream().filter(r -> r.operation().equals("DescribeFileSystems"))
                        .filter(r -> (r.account() + "/" + r.region()).equals(scope) && r.nanoTime() > killed)
                        .mapToLong(AwsSimulator.Request::nanoTime).min().orElseThrow();
                slowest = Math.max(slowest, firstPoll - killed);
            }
            // The session timeout, then the rebalance, the state read and the first poll (file systems come first).
            System.out.printf("CollectorGroupIT: %d scopes of the killed replica polled again after %.1f s at most (session timeout %d s)%n",
                    orphaned.size(), slowest / 1e9, SESSION_TIMEOUT.toSeconds());
            assertThat(Duration.ofNanos(slowest)).as("takeover of %s", orphaned)
                    .isLessThan(SESSION_TIMEOUT.plus(INTERVAL).plus(Duration.ofSeconds(20)));

            Thread.sleep(INTERVAL.multipliedBy(2).toMillis());
            long secondStart = System.nanoTime();
            Thread.sleep(INTERVAL.multipliedBy(6).toMillis());
            assertEachScopePolledOncePerInterval(aws, secondStart, System.nanoTime(), "with two replicas " + after);

            // The takers' first polls of every source of the orphaned scopes are in (the 10-minute sources too).
            awaitEverySourcePolled(aws, List.copyOf(orphaned), killed, replicas.subList(1, 3));
            Thread.sleep(INTERVAL.multipliedBy(2).toMillis());

            // 3. What reached the analyzer's topic since the steady state: markers, and the failover's two tables once each.
            Map<String, List<String>> changes = committedChanges(broker.bootstrapServers(), from);
            assertThat(changes.keySet()).as("resources published since the steady state (no tombstone, no duplicate)")
                    .containsExactlyInAnyOrder(flipped + "/" + ROUTE_TABLE_A_ID, flipped + "/" + ROUTE_TABLE_B_ID);
            changes.forEach((key, values) -> {
                assertThat(values).as(key).hasSize(1);
                assertThat(values.get(0)).as(key).isNotNull().contains(STANDBY_ENI_ID);
            });

            // A rebalance moves other scopes too: the kept scopes' commits refused for the old generation are sent again,
            // never a failed publish.
            for (Replica survivor : replicas.subList(1, 3)) {
                assertThat(Files.readString(survivor.log())).as(survivor.name() + "'s log").doesNotContain("operation=publish");
            }

            // 4. The failover that started while its scope had no owner is paged once, and nothing else moved.
            String subject = flipped + "/" + OpenZfsFailoverScenario.FILE_SYSTEM_ID;
            awaitTrue(() -> events(broker.bootstrapServers()).contains(subject + " FAILOVER_STARTED"), Duration.ofSeconds(90),
                    "FAILOVER_STARTED of " + subject, others);
            Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
            assertThat(events(broker.bootstrapServers()).stream().filter(e -> e.endsWith(" FAILOVER_STARTED")))
                    .containsExactly(subject + " FAILOVER_STARTED");
        } finally {
            replicas.addAll(others);
            for (Replica r : replicas) {
                r.process().destroy();
            }
            for (Replica r : replicas) {
                r.process().waitFor(30, TimeUnit.SECONDS);
                r.process().destroyForcibly();
            }
        }
    }

    /** Per scope: DescribeFileSystems about once per interval in the window, never two closer than half an interval. */
    private static void assertEachScopePolledOncePerInterval(AwsSimulator aws, long start, long end, String when) {
        Map<String, List<Long>> calls = new TreeMap<>();
        for (String account : ACCOUNTS) {
            for (String region : REGIONS) {
                calls.put(account + "/" + region, new ArrayList<>());
            }
        }
        aws.requests().stream().filter(r -> r.operation().equals("DescribeFileSystems") && r.nanoTime() >= start && r.nanoTime() < end)
                .forEach(r -> calls.get(r.account() + "/" + r.region()).add(r.nanoTime()));
        long intervals = (end - start) / INTERVAL.toNanos();
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach((scope, times) -> counts.put(scope, times.size()));
        System.out.printf("CollectorGroupIT: DescribeFileSystems per scope in %d intervals %s: %s%n", intervals, when, counts);
        calls.forEach((scope, times) -> {
            assertThat(times.size()).as("polls of %s in %d intervals %s: %s", scope, intervals, when, counts)
                    .isBetween((int) intervals - 2, (int) intervals + 1);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).as("gap between two polls of %s %s", scope, when)
                        .isGreaterThan(INTERVAL.toNanos() / 2);
            }
        });
    }

    /** The calls whose sources poll every 10 minutes by default, one per source: their first poll is the last to come. */
    private static final List<String> SLOW_SOURCE_CALLS = List.of("DescribeVpcs", "DescribeSubnets", "DescribeVpcPeeringConnections",
            "DescribeTransitGateways", "DescribeTransitGatewayAttachments", "DescribeVpnGateways", "DescribeStorageVirtualMachines",
            "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeVpnConnections");

    private static void awaitEverySourcePolled(AwsSimulator aws, List<String> scopes, long since, List<Replica> replicas) throws Exception {
        awaitTrue(() -> {
            Map<String, Set<String>> seen = new HashMap<>();
            aws.requests().stream().filter(r -> r.nanoTime() > since)
                    .forEach(r -> seen.computeIfAbsent(r.account() + "/" + r.region(), k -> new HashSet<>()).add(r.operation()));
            return scopes.stream().allMatch(s -> seen.getOrDefault(s, Set.of()).containsAll(SLOW_SOURCE_CALLS));
        }, Duration.ofSeconds(120), "every source's poll of " + scopes, replicas);
    }

    /** Waits until the replicas own every scope once, evenly; returns replica name -> its scopes. */
    private Map<String, Set<String>> awaitOwners(List<Replica> replicas, int members, Duration timeout) throws Exception {
        Map<String, Set<String>> owners = new HashMap<>();
        awaitTrue(() -> {
            owners.clear();
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Replica r : replicas) {
                String metrics = metrics(r);
                Matcher owned = OWNED.matcher(metrics);
                if (!owned.find()) {
                    return false;
                }
                int count = (int) Double.parseDouble(owned.group(1));
                Set<String> scopes = new TreeSet<>();
                Matcher age = POLL_AGE.matcher(metrics);
                while (age.find()) {
                    if (!age.group(3).equals("NaN")) {
                        scopes.add(age.group(1) + "/" + age.group(2));
                    }
                }
                if (scopes.size() != count || count != 12 / members) {
                    return false;
                }
                for (String s : scopes) {
                    if (!seen.add(s)) {
                        return false;
                    }
                }
                total += count;
                owners.put(r.name(), scopes);
            }
            return total == 12;
        }, timeout, "every scope owned once among " + replicas.stream().map(Replica::name).toList(), replicas);
        return Map.copyOf(owners);
    }

    private String metrics(Replica r) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Map<TopicPartition, Long> logEnd(String bootstrap) {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> parts = c.partitionsFor(Topics.OBSERVATIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return c.endOffsets(parts);
        }
    }

    /**
     * Every resource record committed since {@code from} up to the log's end now (markers left out), by key: the
     * values as JSON, null for a tombstone. Waits for transactions a killed replica left open to be aborted.
     */
    private static Map<String, List<String>> committedChanges(String bootstrap, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = logEnd(bootstrap);
        Map<String, List<String>> changes = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap, "read_committed")) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (to.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime()).as("read the observations topic to " + to).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (!ResourceKey.parse(r.key()).resourceId().startsWith(ResourceKey.POLL_PREFIX)) {
                        changes.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return changes;
    }

    /** Every event committed so far, as {@code subject TYPE}. */
    private static List<String> events(String bootstrap) {
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap, "read_committed")) {
            List<TopicPartition> parts = c.partitionsFor(Topics.EVENTS).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        events.add(r.key() + " " + RecordCodec.events().decode(r.value()).type());
                    }
                }
            }
        }
        return events;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/floatwatch-read";
    }

    private Replica start(Path dir, String name, String bootstrap, AwsSimulator aws) throws IOException {
        int port = freePort();
        StringBuilder accounts = new StringBuilder();
        for (String account : ACCOUNTS) {
            accounts.append("    - id: \"").append(account).append("\"\n");
            if (!account.equals(aws.accountId())) {
                accounts.append("      roleArn: \"").append(role(account)).append("\"\n");
            }
            accounts.append("      regions: [").append(String.join(", ", REGIONS)).append("]\n");
        }
        boolean analyzer = name.equals("analyzer");
        String role = analyzer ? "analyzer" : "collector";
        String roleConfig = analyzer ? "analyzer:\n  stateDir: \"" + dir.resolve("analyzer-state") + "\"\n" : """
                collector:
                  routeTablesInterval: %ds
                  fileSystemsInterval: %ds
                  jitter: 0
                  group:
                    id: it-collectors
                    sessionTimeout: %ds
                """.formatted(INTERVAL.toSeconds(), INTERVAL.toSeconds(), SESSION_TIMEOUT.toSeconds());
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrapServers: "%s"
                aws:
                  accounts:
                %s  endpoints:
                    ec2: {"*": "%s"}
                    fsx: {"*": "%s"}
                    cloudwatch: {"*": "%s"}
                    sts: {"*": "%s"}
                %shttp:
                  host: 127.0.0.1
                  port: %d
                """.formatted(bootstrap, accounts, aws.endpoint(), aws.endpoint(), aws.endpoint(), aws.endpoint(), roleConfig, port));
        // Kept after the run (the temporary directory is not): what each replica gained, read back and published.
        Path logs = Path.of("target", "collector-group-it");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Floatwatch.class.getName(), role, "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST0FLOATWATCH0");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
        pb.environment().put("HOSTNAME", name);
        pb.environment().remove("AWS_PROFILE");
        return new Replica(name, pb.start(), port, log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what, List<Replica> replicas) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (Replica r : replicas) {
                    List<String> lines = Files.readAllLines(r.log());
                    logs.append("\n--- ").append(r.name()).append(" ---\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
                }
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + logs);
            }
            Thread.sleep(500);
        }
    }
}
