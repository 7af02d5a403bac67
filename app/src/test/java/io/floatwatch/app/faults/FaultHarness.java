package io.floatwatch.app.faults;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;

import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.Notification;
import io.floatwatch.alerter.notify.OneLineFormat;
import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.CollectorRole;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.app.role.Role;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.RestartableKafkaBroker;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * floatwatch as it runs in EKS, shrunk onto loopback: a restartable broker, the simulated AWS
 * account with the OpenZFS scenario's baseline, and each role in a {@link Pipeline} of its own so
 * that one can be stopped and started like a pod while the others run on. Every alerter
 * incarnation gets a fresh registry (a new process has empty metrics) but notifications from all
 * of them land in one list, which is what a person on call would see.
 */
final class FaultHarness implements AutoCloseable {

    /** Short polls so a scenario plays in seconds; the wall clock, since nothing here is scaled. */
    static final Duration ROUTE_POLL = Duration.ofMillis(500);

    final RestartableKafkaBroker broker;
    final AwsSimulator aws;
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private RuntimeConfig config;
    private final Map<Role, Pipeline> running = new EnumMap<>(Role.class);
    private final Path stateDir;
    private final Map<Role, PrometheusMeterRegistry> registries = new java.util.concurrent.ConcurrentHashMap<>();

    FaultHarness() {
        this(List.of());
    }

    /** @param otherRegions regions polled besides the scenario's, empty in the simulator unless a test fills them */
    FaultHarness(List<String> otherRegions) {
        this(aws -> List.of(new RuntimeConfig.Account(aws.accountId(), null, null,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(REGION), otherRegions.stream()).toList())));
    }

    /**
     * Accounts of its own choosing, e.g. reached through roles the simulator lets them assume; each
     * account's regions get the scenario's baseline.
     */
    static FaultHarness withAccounts(List<RuntimeConfig.Account> accounts) {
        return new FaultHarness(aws -> {
            accounts.forEach(a -> a.regions().forEach(region -> OpenZfsFailoverScenario.installBaseline(aws.region(a.id(), region))));
            return accounts;
        });
    }

    private FaultHarness(java.util.function.Function<AwsSimulator, List<RuntimeConfig.Account>> accounts) {
        this.broker = RestartableKafkaBroker.start();
        this.aws = AwsSimulator.start();
        OpenZfsFailoverScenario.installBaseline(aws.region(REGION));
        List<RuntimeConfig.Account> polled = accounts.apply(aws);
        try {
            this.stateDir = Files.createTempDirectory("floatwatch-faults-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
        // Every service the collector may call goes to the simulator: nothing leaves loopback.
        this.config = new RuntimeConfig(broker.bootstrapServers(), Map.of(), polled,
                Map.of("ec2", Map.of("*", aws.endpoint()), "fsx", Map.of("*", aws.endpoint()),
                        "cloudwatch", Map.of("*", aws.endpoint()), "sts", Map.of("*", aws.endpoint())),
                collectorOptions(),
                new AnalyzerOptions("floatwatch-faults-analyzer", stateDir, Duration.ofMinutes(15)),
                new AlerterOptions("floatwatch-faults-alerter"), "127.0.0.1", 0, List.of());
    }

    /**
     * Polls 60 times faster than production, so the per-account EC2 budget (2 calls/s by default)
     * is raised with it; otherwise the collector's own rate limiter, not the fault under test,
     * would decide how late a change is seen.
     */
    private static CollectorOptions collectorOptions() {
        return CollectorOptions.defaults().withInterval(RouteTableSource.NAME, ROUTE_POLL)
                .withInterval(FileSystemSource.NAME, ROUTE_POLL.multipliedBy(2)).withEc2Budget(50, 50);
    }

    /** Changes the config the roles started from now on get (a redeploy with new settings, or fresh state). */
    void reconfigure(java.util.function.UnaryOperator<RuntimeConfig> change) {
        config = change.apply(config);
    }

    RuntimeConfig config() {
        return config;
    }

    void startAll() {
        // Downstream first, as Pipeline does within one process.
        start(Role.ALERTER);
        start(Role.ANALYZER);
        start(Role.COLLECTOR);
    }

    void start(Role role) {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        registries.put(role, registry);
        running.put(role, Pipeline.start(config, EnumSet.of(role), Clock.systemUTC(), registry, notifications::add,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAULTS0FLOATWATCH", "faults-secret"))));
    }

    /**
     * The collector as a bare {@link Collector} with settings the test adjusts (shorter AWS timeouts,
     * other intervals), its metrics where {@link #scrape} finds them. The caller closes it.
     */
    Collector startCollector(java.util.function.UnaryOperator<CollectorSettings> adjust) {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        registries.put(Role.COLLECTOR, registry);
        Collector collector = Collector.create(adjust.apply(CollectorRole.settings(config)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAULTS0FLOATWATCH", "faults-secret")),
                Clock.systemUTC(), registry);
        collector.start();
        return collector;
    }

    void stop(Role role) {
        Pipeline p = running.remove(role);
        if (p != null) {
            p.close();
        }
    }

    boolean ready() {
        return running.values().stream().allMatch(Pipeline::ready);
    }

    /**
     * Waits until the alerter shows the file system at home. Ready is not the same as having seen
     * the baseline: the collector staggers its first polls, and a failover already under way at
     * first sight is (rightly) not a "start", so a test must not flip a route before this.
     */
    void awaitBaseline(Duration timeout) throws InterruptedException {
        await(() -> scrapeAlerter().contains("floatwatch_fsx_active_role{")
                && scrapeAlerter().contains("role=\"preferred\"} 1.0"), timeout, "the baseline to be seen");
    }

    /** FSx rewrites one managed table's floating route. */
    void route(String routeTableId, String eniId) {
        aws.region(REGION).setRoute(routeTableId, FLOATING_ROUTE, eniId);
    }

    String scrapeAlerter() {
        return scrape(Role.ALERTER);
    }

    /** /metrics of the latest incarnation of a role. */
    String scrape(Role role) {
        return registries.get(role).scrape();
    }

    long events(EventType type) {
        return notifications.stream().filter(n -> n instanceof EventNotification e && e.event().type() == type).count();
    }

    long findings(FindingNotification.Kind kind, FindingType type) {
        return notifications.stream()
                .filter(n -> n instanceof FindingNotification f && f.kind() == kind && f.finding().type() == type).count();
    }

    List<String> lines() {
        return notifications.stream().map(OneLineFormat::format).toList();
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (Role role : List.of(Role.COLLECTOR, Role.ANALYZER, Role.ALERTER)) {
            stop(role);
        }
        aws.close();
        broker.close();
    }
}
