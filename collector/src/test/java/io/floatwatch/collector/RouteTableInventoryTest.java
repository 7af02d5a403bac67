package io.floatwatch.collector;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.aws.RateLimitInterceptor;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route-table inventory runs as a poll of its own, at the EC2 bucket's background priority, while
 * the fast loop keeps its cadence; what it reads reaches Kafka through the fast loop, complete or not
 * at all. Real SDK clients against the simulator, the managed tables of the OpenZFS scenario among
 * many unmanaged ones, small pages and a tight bucket, so one inventory takes many pages and seconds.
 */
class RouteTableInventoryTest {

    private static final Set<String> ROUTE_TABLE_SOURCES = Set.of(FileSystemSource.NAME, RouteTableInventorySource.NAME,
            RouteTableSource.NAME);
    private static final Set<String> INVENTORY = Set.of(RouteTableInventorySource.NAME);
    private static final Set<String> FAST = Set.of(RouteTableSource.NAME);

    private AwsSimulator simulator;
    private AwsClients clients;
    private Collector collector;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingSink sink = new RecordingSink();
    /** Everything the sink got so far, in order. */
    private final List<RecordingSink.Sent> sent = new ArrayList<>();

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The scenario's three tables (two FSx-managed, ids rtb-0...) and {@code extra} unmanaged ones after them (rtb-1...). */
    private void start(int extra, int pageSize, Function<CollectorSettings, CollectorSettings> tune, Clock clock) {
        simulator = AwsSimulator.start();
        OpenZfsFailoverScenario.installBaseline(simulator.region(TOKYO.region()));
        for (int i = 0; i < extra; i++) {
            simulator.region(TOKYO.region()).putRouteTable(table(extraId(i)));
        }
        simulator.pageSize(pageSize);
        CollectorSettings settings = tune.apply(TestSupport.settings(simulator, "unused:9092", TOKYO));
        clients = TestSupport.clients(settings, registry);
        Sightings sightings = new Sightings();
        List<Source<?>> sources = Collector.sources(clients, settings, clock, sightings).stream()
                .filter(s -> ROUTE_TABLE_SOURCES.contains(s.name())).toList();
        collector = new Collector(settings, sources, sink, clock, registry, sightings);
    }

    private static String extraId(int i) {
        return String.format("rtb-1%016x", i * 16L);
    }

    private static SimRouteTable table(String id) {
        return SimRouteTable.of(id, "vpc-0unmanaged000001", List.of(), List.of(SimRoute.local("10.9.0.0/16")));
    }

    private List<RecordingSink.Sent> drain() {
        List<RecordingSink.Sent> fresh = sink.drain();
        sent.addAll(fresh);
        return fresh;
    }

    private static List<PollCompleted> markers(List<RecordingSink.Sent> records, String source) {
        return Estate.markers(records).stream().filter(m -> m.source().equals(source)).toList();
    }

    /** The last record of every route-table key: what a compacted topic holds (a tombstone removes the key). */
    private Map<String, Observation> published() {
        Map<String, Observation> latest = new HashMap<>();
        for (RecordingSink.Sent s : sent) {
            if (!s.key().resourceId().startsWith("rtb-")) {
                continue;
            }
            if (s.tombstone()) {
                latest.remove(s.key().resourceId());
            } else {
                latest.put(s.key().resourceId(), s.value());
            }
        }
        return latest;
    }

    private Set<String> simulatedTableIds() {
        TreeSet<String> ids = new TreeSet<>();
        simulator.region(TOKYO.region()).routeTables().forEach(t -> ids.add(t.routeTableId()));
        return ids;
    }

    private static boolean flipped(RecordingSink.Sent s) {
        return s.value() instanceof RouteTableObservation t && t.routeTableId().equals(ROUTE_TABLE_A_ID)
                && t.hostRoute(FLOATING_IP).map(r -> STANDBY_ENI_ID.equals(r.targetId())).orElse(false);
    }

    private Optional<RecordingSink.Sent> awaitSent(Predicate<RecordingSink.Sent> what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            drain();
            Optional<RecordingSink.Sent> found = sent.stream().filter(what).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    private void awaitPublishedEqualsSimulator(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!published().keySet().equals(simulatedTableIds()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            drain();
        }
        assertThat(new TreeSet<>(published().keySet())).isEqualTo(simulatedTableIds());
    }

    private double rateLimitWaits(String priority) {
        var timer = registry.find(RateLimitInterceptor.WAIT).tag("priority", priority).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void shouldPublishAFailoverWithinAFastPollWhileAnInventoryIsUnderWayAndStillCompleteTheInventory() throws Exception {
        // 103 tables in pages of 5: 21 pages. At 3 calls/s with the fast loop (1/s) and the FSx source's ENI call
        // taking their share first, one inventory takes about 11 s; inventories follow each other 0.5 s apart, so
        // one is nearly always under way. The two managed tables come first, on the inventory's first page.
        start(100, 5, s -> CollectorSettingsBuilder.from(s).ec2RateLimit(3, 2)
                .pollIntervals(Map.of(RouteTableSource.NAME, Duration.ofSeconds(1), FileSystemSource.NAME, Duration.ofSeconds(10)))
                .routeTables(List.of(), Duration.ofMillis(500)).build(), Clock.systemUTC());
        collector.start();
        awaitPublishedEqualsSimulator(Duration.ofSeconds(90));
        Thread.sleep(1_500);

        // In the middle of an inventory: FSx moves A's floating route, one unmanaged table goes (on the inventory's
        // last page) and another comes.
        String gone = extraId(99);
        String added = String.format("rtb-1%016x", 77 * 16L + 1);
        simulator.region(TOKYO.region()).removeRouteTable(gone);
        simulator.region(TOKYO.region()).putRouteTable(table(added));
        drain();
        int sentBeforeFlip = sent.size();
        long flippedAt = System.nanoTime();
        simulator.region(TOKYO.region()).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);

        RecordingSink.Sent seen = awaitSent(RouteTableInventoryTest::flipped, Duration.ofSeconds(60)).orElseThrow();
        long latencyMillis = (System.nanoTime() - flippedAt) / 1_000_000;
        // The fast loop polls every second and its calls go before any inventory page (0.6 s measured with two CPU hogs
        // running); an inventory takes ~11 s, and when the fast loop ran it, the flip waited for the one under way and
        // the next (13.7 s measured). 6 s leaves room for a loaded machine.
        assertThat(latencyMillis).as("ms from the flip to its record").isLessThan(6_000);
        // Not timing but order: the first fast poll that started after the flip published it (the one in flight at the
        // flip, if any, may have read A before), while an inventory was under way.
        List<RecordingSink.Sent> afterFlip = sent.subList(sentBeforeFlip, sent.size());
        assertThat(markers(afterFlip.subList(0, afterFlip.indexOf(seen)), RouteTableSource.NAME)).hasSizeLessThanOrEqualTo(1);

        // The inventory still completes with the whole table set: the table that went is tombstoned, the new one
        // published, and no other table was ever tombstoned.
        awaitPublishedEqualsSimulator(Duration.ofSeconds(90));
        assertThat(sent).filteredOn(RecordingSink.Sent::tombstone).extracting(s -> s.key().resourceId()).containsExactly(gone);
        List<PollCompleted> inventories = markers(sent, RouteTableInventorySource.NAME);
        assertThat(inventories).allSatisfy(m -> assertThat(m.ok()).isTrue());
        assertThat(inventories.get(inventories.size() - 1).resourceCount()).isEqualTo(103);
        assertThat(markers(sent, RouteTableSource.NAME)).allSatisfy(m -> assertThat(m.ok()).as(m.error()).isTrue());
        // Inventory pages took background tokens, the fast loop normal ones.
        assertThat(rateLimitWaits("background")).isGreaterThanOrEqualTo(21);
        assertThat(rateLimitWaits("normal")).isPositive();
    }

    @Test
    void shouldPublishNoTombstoneFromAHalfDoneInventoryAndResumeAtTheFailedPage() {
        // 43 tables, pages of 5: 9 pages.
        start(40, 5, s -> CollectorSettingsBuilder.from(s).ec2RateLimit(50, 10).build(), Clock.systemUTC());
        assertThat(collector.pollOnce()).allSatisfy(r -> assertThat(r.ok()).as(r.source() + ": " + r.error()).isTrue());
        drain();
        assertThat(published()).hasSize(43);

        String firstPage = extraId(0);
        String lastPage = extraId(39);
        String added = String.format("rtb-1%016x", 30 * 16L + 1);
        simulator.region(TOKYO.region()).removeRouteTable(firstPage);
        simulator.region(TOKYO.region()).removeRouteTable(lastPage);
        simulator.region(TOKYO.region()).putRouteTable(table(added));
        // Pages 1 to 4 answer, page 5 fails every attempt (3 in these tests).
        simulator.passNext("DescribeRouteTables", 4).failNext("DescribeRouteTables", 500, "InternalError", 3);

        PollResult failed = collector.pollOnce(INVENTORY).get(0);

        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).contains("DescribeRouteTables").contains("InternalError");
        List<RecordingSink.Sent> afterFailure = drain();
        assertThat(afterFailure).singleElement().satisfies(s -> {
            assertThat(s.value()).isInstanceOfSatisfying(PollCompleted.class, m -> assertThat(m.ok()).isFalse());
            assertThat(s.key()).isEqualTo(ResourceKey.pollMarker(TOKYO, RouteTableInventorySource.NAME));
        });

        // The fast loop goes on meanwhile, sees a failover, and drops nothing: the half-done inventory is not in its view.
        simulator.region(TOKYO.region()).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
        assertThat(collector.pollOnce(FAST).get(0).ok()).isTrue();
        assertThat(drain()).filteredOn(s -> !(s.value() instanceof PollCompleted)).singleElement()
                .satisfies(s -> assertThat(flipped(s)).isTrue());

        // The next inventory resumes at page 5 rather than starting over: 5 pages for the 22 tables left.
        simulator.resetFaultsAndCounts();
        double normalBefore = rateLimitWaits("normal");
        double backgroundBefore = rateLimitWaits("background");
        PollResult resumed = collector.pollOnce(INVENTORY).get(0);
        assertThat(resumed.ok()).as(resumed.error()).isTrue();
        assertThat(resumed.resourceCount()).isEqualTo(42);
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(5);
        assertThat(rateLimitWaits("background") - backgroundBefore).isEqualTo(5);
        assertThat(rateLimitWaits("normal")).isEqualTo(normalBefore);
        assertThat(drain()).extracting(s -> s.key().resourceId()).containsExactly(ResourceKey.POLL_PREFIX + RouteTableInventorySource.NAME);

        // What it found reaches Kafka through the fast loop: exactly the two tombstones and the new table.
        assertThat(collector.pollOnce(FAST).get(0).ok()).isTrue();
        List<RecordingSink.Sent> fast = drain();
        assertThat(fast).filteredOn(RecordingSink.Sent::tombstone).extracting(s -> s.key().resourceId())
                .containsExactlyInAnyOrder(firstPage, lastPage);
        assertThat(fast).filteredOn(s -> s.value() instanceof RouteTableObservation).extracting(s -> s.key().resourceId())
                .containsExactly(added);
        assertThat(new TreeSet<>(published().keySet())).isEqualTo(simulatedTableIds());
    }

    @Test
    void shouldStartOverWhenTheFailedPageFailsAgainOnResume() {
        start(10, 5, s -> CollectorSettingsBuilder.from(s).ec2RateLimit(50, 10).build(), Clock.systemUTC());
        simulator.passNext("DescribeRouteTables", 1).failNext("DescribeRouteTables", 400, "InvalidPaginationToken", 1);
        assertThat(collector.pollOnce(INVENTORY).get(0).ok()).isFalse();
        // The saved token is refused again: the inventory reads from the first page (3 pages) instead of failing forever.
        simulator.resetFaultsAndCounts();
        simulator.failNext("DescribeRouteTables", 400, "InvalidPaginationToken", 1);
        PollResult result = collector.pollOnce(INVENTORY).get(0);
        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.resourceCount()).isEqualTo(13);
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(4);
    }

    @Test
    void shouldLeaveAnInventoryUnderWayWithoutAMarkerWhenClosed() throws Exception {
        // 21 pages at 2 calls/s: about 10 s; close() must not wait for it, nor report it as failed.
        start(100, 5, s -> CollectorSettingsBuilder.from(s).ec2RateLimit(2, 2).routeTables(List.of(), Duration.ofMinutes(10)).build(), Clock.systemUTC());
        collector.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rateLimitWaits("background") < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rateLimitWaits("background")).isGreaterThanOrEqualTo(4);

        long closing = System.nanoTime();
        collector.close();
        long closeMillis = (System.nanoTime() - closing) / 1_000_000;

        drain();
        assertThat(markers(sent, RouteTableInventorySource.NAME)).isEmpty();
        assertThat(registry.get(PollJob.POLL_ERRORS).tag("source", RouteTableInventorySource.NAME).counter().count()).isZero();
        // It stops at its next page (or wait for a token): far less than the 30 s close() gives a poll in flight.
        assertThat(closeMillis).isLessThan(10_000);
        int requests = simulator.requestCount("DescribeRouteTables");
        Thread.sleep(1_000);
        assertThat(simulator.requestCount("DescribeRouteTables")).isEqualTo(requests);
    }
}
