package io.floatwatch.collector;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.TestSupport.VIRGINIA;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.aws.AwsCallMetrics;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectorPollTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private AwsSimulator simulator;
    private AwsClients clients;
    private SimpleMeterRegistry registry;
    private RecordingSink sink;
    private MutableClock clock;
    private Collector collector;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        installBaseline(simulator.region(REGION));
        registry = new SimpleMeterRegistry();
        sink = new RecordingSink();
        clock = new MutableClock(START);
        CollectorSettings settings = TestSupport.settings(simulator, "unused:9092", TOKYO);
        clients = TestSupport.clients(settings, registry);
        collector = new Collector(settings, List.of(new RouteTableSource(clients), new FileSystemSource(clients)), sink, clock, registry);
    }

    @AfterEach
    void stop() {
        collector.close();
        clients.close();
        simulator.close();
    }

    private double requests(String operation, String outcome) {
        var counter = registry.find(AwsCallMetrics.REQUESTS).tag("operation", operation).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double pollErrors(String source) {
        return registry.get("floatwatch.poll.errors").tag("source", source).counter().count();
    }

    private static List<PollCompleted> markers(List<RecordingSink.Sent> sent) {
        return sent.stream().filter(s -> s.value() instanceof PollCompleted).map(s -> (PollCompleted) s.value()).toList();
    }

    @Test
    void shouldPublishEveryResourceThenOneMarkerPerSourceWhenPolledFirst() {
        List<PollResult> results = collector.pollOnce();

        assertThat(results).allSatisfy(r -> assertThat(r.ok()).isTrue());
        List<RecordingSink.Sent> sent = sink.drain();
        assertThat(sent).filteredOn(s -> s.value() instanceof RouteTableObservation).hasSize(3);
        assertThat(markers(sent)).extracting(PollCompleted::source, PollCompleted::outcome, PollCompleted::resourceCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RouteTableSource.NAME, "ok", 3),
                        org.assertj.core.groups.Tuple.tuple(FileSystemSource.NAME, "ok", 3));
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.timestamp()).isEqualTo(START);
            assertThat(s.value().observedAt()).isEqualTo(START);
        });
        // The marker of a source follows its resources, so the analyzer sees a complete poll before the marker.
        int lastTable = sent.stream().filter(s -> s.value() instanceof RouteTableObservation).mapToInt(sent::indexOf).max().orElseThrow();
        assertThat(sent.indexOf(sent.stream().filter(s -> s.key().equals(ResourceKey.pollMarker(TOKYO, RouteTableSource.NAME)))
                .findFirst().orElseThrow())).isGreaterThan(lastTable);
    }

    @Test
    void shouldPublishOnlyChangedTablesWhenPolledAgain() {
        collector.pollOnce();
        sink.drain();
        clock.advance(Duration.ofMinutes(11));
        simulator.region(REGION).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);

        collector.pollOnce();

        List<RecordingSink.Sent> sent = sink.drain();
        assertThat(sent).filteredOn(s -> !(s.value() instanceof PollCompleted)).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(ResourceKey.of(ACCOUNT, REGION, ROUTE_TABLE_A_ID));
            assertThat(((RouteTableObservation) s.value()).hostRoute(FLOATING_IP).orElseThrow().targetId()).isEqualTo(STANDBY_ENI_ID);
            assertThat(s.timestamp()).isEqualTo(START.plus(Duration.ofMinutes(11)));
        });
        assertThat(markers(sent)).hasSize(2);
    }

    @Test
    void shouldPublishATombstoneWhenATableDisappearsBetweenPolls() {
        collector.pollOnce();
        sink.drain();
        simulator.region(REGION).removeRouteTable(ROUTE_TABLE_B_ID);

        collector.pollOnce();

        assertThat(sink.drain()).filteredOn(RecordingSink.Sent::tombstone).singleElement()
                .satisfies(s -> assertThat(s.key()).isEqualTo(ResourceKey.of(ACCOUNT, REGION, ROUTE_TABLE_B_ID)));
    }

    @Test
    void shouldRetryAndCountEveryRequestWhenThrottledWithinTheRetryBudget() {
        simulator.throttleNext("DescribeRouteTables", 2);

        List<PollResult> results = collector.pollOnce();

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(0).resourceCount()).isEqualTo(3);
        assertThat(requests("DescribeRouteTables", "throttling")).isEqualTo(2);
        assertThat(requests("DescribeRouteTables", "success")).isEqualTo(1);
        assertThat(registry.get(AwsCallMetrics.DURATION).tag("operation", "DescribeRouteTables").tag("outcome", "success").timer().count())
                .isEqualTo(1);
        assertThat(pollErrors(RouteTableSource.NAME)).isZero();
    }

    @Test
    void shouldPublishAFailedMarkerAndNoTombstonesWhenThrottledBeyondTheBudget() {
        collector.pollOnce();
        sink.drain();
        simulator.throttleNext("DescribeRouteTables", 3);

        PollResult result = collector.pollOnce().get(0);

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("DescribeRouteTables").contains("RequestLimitExceeded");
        assertThat(requests("DescribeRouteTables", "throttling")).isEqualTo(3);
        List<RecordingSink.Sent> sent = sink.drain();
        assertThat(sent).noneMatch(RecordingSink.Sent::tombstone);
        assertThat(markers(sent)).filteredOn(m -> m.source().equals(RouteTableSource.NAME)).singleElement()
                .satisfies(m -> {
                    assertThat(m.ok()).isFalse();
                    assertThat(m.resourceCount()).isZero();
                    assertThat(m.error()).contains("RequestLimitExceeded");
                });
        assertThat(pollErrors(RouteTableSource.NAME)).isEqualTo(1);
    }

    @Test
    void shouldFailThePollRatherThanReportNoTablesWhenTheAnswerIsMalformed() {
        collector.pollOnce();
        sink.drain();
        simulator.malformedNext("DescribeRouteTables");

        PollResult result = collector.pollOnce().get(0);

        assertThat(result.ok()).isFalse();
        List<RecordingSink.Sent> sent = sink.drain();
        assertThat(sent).noneMatch(RecordingSink.Sent::tombstone);
        assertThat(markers(sent)).filteredOn(m -> m.source().equals(RouteTableSource.NAME)).singleElement()
                .satisfies(m -> assertThat(m.ok()).isFalse());
        assertThat(requests("DescribeRouteTables", "other")).isEqualTo(1);
        assertThat(pollErrors(RouteTableSource.NAME)).isEqualTo(1);

        // The next good poll finds nothing changed: the failure did not wipe the published state.
        assertThat(collector.pollOnce().get(0).published()).isZero();
    }

    @Test
    void shouldKeepPollingTheOtherSourceWhenOneSourceFails() {
        simulator.failNext("DescribeFileSystems", 400, "AccessDeniedException");

        List<PollResult> results = collector.pollOnce();

        assertThat(results).extracting(PollResult::source, PollResult::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RouteTableSource.NAME, true),
                        org.assertj.core.groups.Tuple.tuple(FileSystemSource.NAME, false));
        assertThat(results.get(1).error()).contains("DescribeFileSystems").contains("AccessDeniedException");
        assertThat(requests("DescribeFileSystems", "service_error")).isEqualTo(1);
        assertThat(pollErrors(FileSystemSource.NAME)).isEqualTo(1);
        assertThat(pollErrors(RouteTableSource.NAME)).isZero();
    }

    @Test
    void shouldKeepPollingTheOtherScopeWhenOneScopeFails() {
        CollectorSettings twoScopes = TestSupport.settings(simulator, "unused:9092", TOKYO, VIRGINIA);
        installBaseline(simulator.region(VIRGINIA.region()));
        try (Collector both = new Collector(twoScopes, List.of(new RouteTableSource(clients)), sink, clock, registry)) {
            simulator.failNext("DescribeRouteTables", 500, "InternalError", 3);


            List<PollResult> results = both.pollOnce();

            assertThat(results).extracting(r -> r.scope().region() + ":" + r.ok())
                    .containsExactly(REGION + ":false", VIRGINIA.region() + ":true");
        }
    }

    @Test
    void shouldSendAgainOnTheNextPollWhenKafkaRejectedASend() {
        sink.failNext(1, key -> key.resourceId().equals(ROUTE_TABLE_A_ID));

        PollResult first = collector.pollOnce().get(0);
        assertThat(first.ok()).isFalse();
        assertThat(sink.drain()).noneMatch(s -> s.key().resourceId().equals(ROUTE_TABLE_A_ID));

        collector.pollOnce();
        assertThat(sink.drain()).filteredOn(s -> !(s.value() instanceof PollCompleted)).singleElement()
                .satisfies(s -> assertThat(s.key().resourceId()).isEqualTo(ROUTE_TABLE_A_ID));
    }

    @Test
    void shouldPollOnItsOwnWhenStarted() throws Exception {
        CollectorSettings fast = CollectorSettingsBuilder.from(TestSupport.settings(simulator, "unused:9092", TOKYO))
                .pollInterval(Duration.ofMillis(50)).build();
        try (Collector scheduled = new Collector(fast, List.of(new RouteTableSource(clients)), sink, clock, registry)) {
            scheduled.start();
            long deadline = System.currentTimeMillis() + 5_000;
            while (simulator.requestCount("DescribeRouteTables") < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(simulator.requestCount("DescribeRouteTables")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldStartPollsAnIntervalApartWhateverEachPollTakes() throws Exception {
        List<Long> starts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Source<String> slow = new Source<>() {
            @Override
            public String name() {
                return "ec2.route-tables";
            }

            @Override
            public String fetch(io.floatwatch.model.Scope scope) {
                starts.add(System.nanoTime());
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "";
            }

            @Override
            public List<io.floatwatch.model.observation.Observation> map(io.floatwatch.model.Scope scope, String responses,
                    Instant observedAt) {
                return List.of();
            }
        };
        CollectorSettings settings = CollectorSettingsBuilder.from(TestSupport.settings(simulator, "unused:9092", TOKYO))
                .pollInterval(Duration.ofMillis(600)).jitter(0).build();
        try (Collector scheduled = new Collector(settings, List.of(slow), sink, clock, registry)) {
            scheduled.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (starts.size() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(starts).hasSizeGreaterThanOrEqualTo(6);
        // Waiting the interval after each 300 ms poll would put 5 gaps at 900 ms: 4.5 s. An interval apart: 3 s.
        double gaps = (starts.get(5) - starts.get(0)) / 1e6;
        assertThat(gaps).as("ms from the 1st to the 6th start").isLessThan(4_000);
    }

    @Test
    void shouldStartTheNextPollAtOnceAfterOneThatOverranItsInterval() {
        assertThat(Collector.untilNextStart(Duration.ofSeconds(30), Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(23));
        assertThat(Collector.untilNextStart(Duration.ofSeconds(30), Duration.ofSeconds(45))).isEqualTo(Duration.ZERO);
    }
}
