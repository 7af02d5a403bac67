package io.floatwatch.demo;

import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.LogNotifier;
import io.floatwatch.alerter.notify.Notification;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.notify.Sink;
import io.floatwatch.alerter.notify.Sinks;
import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.http.OpsHttpServer;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.EmbeddedKafkaBroker;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.floatwatch.testkit.scenario.ScenarioStep;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The whole of floatwatch on one machine with no AWS account and no Kafka installed: a real
 * embedded Kafka broker, a simulated AWS account on localhost speaking EC2's and FSx's wire
 * protocols, and the three roles; then the OpenZFS failover of docs/domain.md section 1 replayed on a
 * scaled clock. The demo command prints it; the end-to-end IT asserts on the {@link Result}.
 */
public final class DemoRun implements AutoCloseable {

    /**
     * @param speed        simulated seconds per wall second
     * @param pollInterval simulated time between route table polls (FSx is polled half as often)
     * @param httpPort     0 picks a free port
     * @param broker       supplies the Kafka broker: the embedded one for the demo, the test fixture in tests
     */
    public record Options(double speed, Duration pollInterval, String httpHost, int httpPort, PrintStream out,
            Supplier<KafkaBroker> broker) {
    }

    /** What the demo saw: every notification, the failover events, and /metrics at the end. */
    public record Result(Instant start, List<String> notifications, List<Event> events, String metrics, URI metricsUrl) {

        public Optional<Event> event(EventType type) {
            return events.stream().filter(e -> e.type() == type).findFirst();
        }

        public boolean failoverAndFailbackDetected() {
            return event(EventType.FAILOVER_STARTED).isPresent() && event(EventType.FAILOVER_CONVERGED).isPresent()
                    && event(EventType.FAILBACK_COMPLETED).isPresent();
        }
    }

    private final Options options;
    private final KafkaBroker broker;
    private final AwsSimulator aws;
    private final ScaledClock clock;
    private final Path stateDir;
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final PrometheusMeterRegistry registry;
    private final Pipeline pipeline;
    private final OpsHttpServer http;

    private DemoRun(Options options, List<Sink> extraSinks) {
        this.options = options;
        this.clock = new ScaledClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), options.speed());
        this.broker = options.broker().get();
        this.aws = AwsSimulator.start();
        OpenZfsFailoverScenario.steps().get(0).apply(aws.region(OpenZfsFailoverScenario.REGION), clock.start());
        try {
            this.stateDir = Files.createTempDirectory("floatwatch-demo-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
        this.registry = Metrics.newRegistry();
        // Fixed dummy keys: the simulator checks signatures' shape, and nobody's real credentials
        // should be signed into requests, even to localhost.
        this.pipeline = Pipeline.start(config(), Role.all(), clock, registry,
                extraSinks.isEmpty() ? recording() : new Sinks(java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(Sink.of("demo", recording())), extraSinks.stream()).toList()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEMO0FLOATWATCH00", "demo-secret")));
        this.http = OpsHttpServer.start(options.httpHost(), options.httpPort(), registry,
                new io.floatwatch.app.health.Health().exportTo(registry).addAll(pipeline.health()));
    }

    public static DemoRun start(Options options) {
        return new DemoRun(options, List.of());
    }

    /** @param extraSinks more notification sinks beside the demo's own printer (an Alertmanager in tests) */
    public static DemoRun start(Options options, List<Sink> extraSinks) {
        return new DemoRun(options, List.copyOf(extraSinks));
    }

    public String kafkaDescription() {
        return broker.kind() + " broker at " + broker.bootstrapServers();
    }

    public URI awsEndpoint() {
        return aws.endpoint();
    }

    public URI metricsUrl() {
        return URI.create("http://" + options.httpHost() + ":" + http.port() + "/metrics");
    }

    /** Waits for every role to be ready, then starts the clock and plays the timeline. */
    public Result play(Duration readyTimeout, Duration detectionTimeout) throws InterruptedException {
        awaitTrue(pipeline::ready, readyTimeout, "the pipeline to be ready");
        clock.begin();
        List<ScenarioStep> steps = OpenZfsFailoverScenario.steps();
        say(Duration.ZERO, "AWS   " + steps.get(0).description());
        for (ScenarioStep step : steps.subList(1, steps.size())) {
            sleepUntil(step.offset());
            step.apply(aws.region(OpenZfsFailoverScenario.REGION), clock.start());
            say(step.offset(), "AWS   " + step.description());
        }
        // The failback event and the resolution of the finding travel on two topics: wait for both.
        awaitTrue(() -> events.stream().anyMatch(e -> e.type() == EventType.FAILBACK_COMPLETED)
                && notifications.stream().anyMatch(l -> l.startsWith("RESOLVED") && l.contains("FsxFailedOver")),
                detectionTimeout, "the failback to be detected and the failover finding resolved");
        return new Result(clock.start(), List.copyOf(notifications), List.copyOf(events), registry.scrape(), metricsUrl());
    }

    private RuntimeConfig config() {
        URI sim = aws.endpoint();
        Duration routePoll = clock.wall(options.pollInterval());
        return new RuntimeConfig(broker.bootstrapServers(), Map.of(),
                List.of(new RuntimeConfig.Account(aws.accountId(), null, null, List.of(OpenZfsFailoverScenario.REGION))),
                Map.of("ec2", Map.of("*", sim), "fsx", Map.of("*", sim)),
                demoCollector(routePoll),
                new AnalyzerOptions("floatwatch-demo-analyzer", stateDir, Duration.ofMinutes(15)),
                new AlerterOptions("floatwatch-demo-alerter"),
                options.httpHost(), options.httpPort(), List.of());
    }

    /**
     * The EC2 budget (2 calls per second per account and region) is counted on the wall clock, but
     * the demo compresses time: scaled by the speed, it stays 2 calls per simulated second, so the
     * limiter paces the demo as it would pace production instead of hiding one poll in ten.
     */
    private CollectorOptions demoCollector(Duration routePoll) {
        // Capped where the collector caps it; the demo makes a handful of calls per poll.
        int budget = (int) Math.min(100, Math.ceil(2 * options.speed()));
        return CollectorOptions.defaults().withInterval(RouteTableSource.NAME, routePoll)
                .withInterval(FileSystemSource.NAME, routePoll.multipliedBy(2)).withEc2Budget(budget, Math.max(10, budget));
    }

    /** Prints each notification with its simulated time, and keeps it for the result. */
    private Notifier recording() {
        LogNotifier printer = new LogNotifier(line -> {
            notifications.add(line);
            say(clock.elapsed(), "PAGE  " + line);
        });
        return (Notification n) -> {
            if (n instanceof EventNotification e) {
                events.add(e.event());
            }
            printer.send(n);
        };
    }

    private void say(Duration at, String line) {
        long s = at.toSeconds();
        options.out().printf("[T+%02d:%02d] %s%n", s / 60, s % 60, line);
    }

    private void sleepUntil(Duration simulatedOffset) throws InterruptedException {
        Duration left = clock.wall(simulatedOffset.minus(clock.elapsed()));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        http.close();
        pipeline.close();
        aws.close();
        broker.close();
    }

    /** The demo's broker: embedded KRaft, so a fresh machine needs nothing but a JDK. */
    public static Supplier<KafkaBroker> embeddedBroker() {
        return EmbeddedKafkaBroker::start;
    }
}
