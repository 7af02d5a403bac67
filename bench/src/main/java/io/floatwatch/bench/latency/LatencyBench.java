package io.floatwatch.bench.latency;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;

import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.EmbeddedKafkaBroker;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Detection latency on the wall clock: the whole pipeline (real broker, real SDK against the
 * simulated AWS, all three roles) while FSx flips one managed table back and forth. Per flip it
 * records when the simulator first answered a DescribeRouteTables after the flip, when the page
 * (FAILOVER_STARTED or FAILBACK_COMPLETED) reached the notification sink, and when /metrics showed
 * the new route target.
 *
 * <p>Usage: {@code LatencyBench <poll seconds | default | steady> <samples>}. A number polls the route tables at that
 * interval alone (no urgent cadence) with a raised EC2 budget. {@code default} runs the collector as a config without
 * intervals does (2 s steady, 1 s urgent, 2 EC2 calls/s): after the first flip the loop is urgent (a failover is
 * converging), so later flips measure the urgent cadence. {@code steady} is the same with the urgent cadence off, so
 * every flip comes out of the blue at the 2 s cadence: the worst case of the defaults. The summary line gives p99 as a
 * ratio of the steady interval.
 */
public final class LatencyBench {

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean defaults = mode.equals("default") || mode.equals("steady");
        Duration poll = defaults ? RouteTableCadence.DEFAULT_INTERVAL : Duration.ofMillis((long) (Double.parseDouble(mode) * 1000));
        int samples = Integer.parseInt(args[1]);
        CollectorOptions collector = switch (mode) {
            case "default" -> defaultOptions(RouteTableCadence.DEFAULT_URGENT);
            case "steady" -> defaultOptions(RouteTableCadence.DEFAULT_INTERVAL);
            default -> collectorOptions(poll);
        };
        AtomicLong notifiedAt = new AtomicLong();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); AwsSimulator aws = AwsSimulator.start()) {
            OpenZfsFailoverScenario.installBaseline(aws.region(REGION));
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
            RuntimeConfig config = new RuntimeConfig(broker.bootstrapServers(), Map.of(),
                    List.of(new RuntimeConfig.Account(aws.accountId(), null, null, List.of(REGION))),
                    Map.of("ec2", Map.of("*", aws.endpoint()), "fsx", Map.of("*", aws.endpoint())),
                    collector,
                    new AnalyzerOptions("bench-analyzer", Files.createTempDirectory("bench-state-"), Duration.ofHours(1)),
                    new AlerterOptions("bench-alerter"), "127.0.0.1", 0, List.of());
            PrometheusMeterRegistry registry = Metrics.newRegistry();
            try (Pipeline pipeline = Pipeline.start(config, Role.all(), Clock.systemUTC(), registry, n -> {
                if (n instanceof EventNotification e && (e.event().type() == EventType.FAILOVER_STARTED
                        || e.event().type() == EventType.FAILBACK_COMPLETED)) {
                    notifiedAt.set(System.nanoTime());
                }
            }, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH0FLOATWATCH", "bench-secret")))) {
                await(pipeline::ready, Duration.ofSeconds(120));
                Thread.sleep(poll.multipliedBy(4).toMillis());
                List<long[]> results = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    boolean toStandby = i % 2 == 0;
                    String eni = toStandby ? STANDBY_ENI_ID : PREFERRED_ENI_ID;
                    String series = "eni_id=\"" + eni + "\"";
                    notifiedAt.set(0);
                    // Start at a random phase of the poll cycle, as a real failover does.
                    Thread.sleep((long) (Math.random() * poll.toMillis()));
                    long flipped = System.nanoTime();
                    aws.region(REGION).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, eni);
                    long metricAt = 0;
                    long deadline = flipped + Duration.ofSeconds(60).toNanos() + poll.toNanos();
                    while (System.nanoTime() < deadline && (metricAt == 0 || notifiedAt.get() == 0)) {
                        if (metricAt == 0 && routeTargetIs(registry.scrape(), series)) {
                            metricAt = System.nanoTime();
                        }
                        Thread.sleep(5);
                    }
                    long answered = aws.requests().stream().filter(r -> r.operation().equals("DescribeRouteTables")
                            && r.nanoTime() > flipped).mapToLong(r -> r.nanoTime()).min().orElse(0);
                    results.add(new long[] {flipped, answered, notifiedAt.get(), metricAt});
                    System.out.printf("LATENCY sample %d poll=%.1fs answer+%dms notified+%dms metric+%dms%n", i,
                            poll.toMillis() / 1000.0, ms(answered - flipped), ms(notifiedAt.get() - flipped), ms(metricAt - flipped));
                }
                summarize(mode, poll, results);
            }
        }
    }

    /**
     * The default EC2 budget (2 calls/s per account and region) is sized for 30 s polls; at 1 s the
     * rate limiter would queue calls and measure itself, so it is raised with the poll rate.
     */
    private static CollectorOptions collectorOptions(Duration poll) {
        return CollectorOptions.defaults().withInterval(RouteTableSource.NAME, poll)
                .withInterval(FileSystemSource.NAME, poll.multipliedBy(2)).withEc2Budget(50, 50).withRouteTablesUrgent(poll);
    }

    /** What a config without intervals gets (the collector's defaults), with the given urgent cadence. */
    private static CollectorOptions defaultOptions(Duration urgent) {
        return CollectorOptions.defaults().withRouteTablesUrgent(urgent);
    }

    private static boolean routeTargetIs(String metrics, String eniLabel) {
        return metrics.lines().anyMatch(l -> l.startsWith("floatwatch_fsx_route_target{") && l.contains(ROUTE_TABLE_A_ID)
                && l.contains(eniLabel) && l.endsWith(" 1.0"));
    }

    private static void summarize(String mode, Duration poll, List<long[]> results) {
        List<Long> fromFlip = new ArrayList<>();
        List<Long> fromAnswer = new ArrayList<>();
        List<Long> metric = new ArrayList<>();
        for (long[] r : results) {
            fromFlip.add(ms(r[2] - r[0]));
            fromAnswer.add(ms(r[2] - r[1]));
            metric.add(ms(r[3] - r[1]));
        }
        System.out.printf("LATENCY poll=%.1fs n=%d page-after-flip p50=%dms p99=%dms | page-after-AWS-answer p50=%dms p99=%dms"
                + " | metrics-after-AWS-answer p50=%dms p99=%dms%n", poll.toMillis() / 1000.0, results.size(),
                pct(fromFlip, 50), pct(fromFlip, 99), pct(fromAnswer, 50), pct(fromAnswer, 99), pct(metric, 50), pct(metric, 99));
        System.out.printf(Locale.ROOT, "LATENCY RATIO %s: page-after-flip p99 / steady poll interval = %d ms / %d ms = %.2f "
                + "(a flip at a random phase waits at most the interval + 10 %% jitter; the pipeline adds ~0.2 s)%n", mode, pct(fromFlip, 99), poll.toMillis(),
                pct(fromFlip, 99) / (double) poll.toMillis());
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pipeline not ready after " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
