package io.floatwatch.collector.ec2;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.eni;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.floating;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a full read of the managed tables would be a long poll (150 file systems x 4 tables = 600 tables, 6 calls: more than
 * {@link RouteTableCadence#POLL_CALL_CAP}), it rolls: each sentinel poll (1 call for 150 watched ENIs) also reads the next page
 * of 100 tables, so no poll after the first makes more than 2 calls, and a flip is published by the next poll wherever the
 * pass stands. Real SDK against the simulator, calls counted.
 */
class RouteTableRollingTest {

    private static final int FILE_SYSTEMS = 150;
    private static final int TABLES = FILE_SYSTEMS * 4;
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private AwsSimulator simulator;
    private AwsClients clients;
    private Sightings sightings;
    private RouteTableSource loop;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        CollectorSettings settings = TestSupport.settings(simulator, "unused:9092", TOKYO);
        clients = TestSupport.clients(settings, new SimpleMeterRegistry());
        SimulatedRegion region = simulator.region(TOKYO.region());
        ManagedTablesEstate.install(region, FILE_SYSTEMS);
        sightings = new Sightings();
        sightings.record(TOKYO, FileSystemSource.NAME, new FileSystemSource(clients).poll(TOKYO, T0));
        loop = new RouteTableSource(clients, new RouteTableView(), sightings, List.of(),
                new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0));
    }

    @AfterEach
    void stop() {
        clients.close();
        simulator.close();
    }







    private static RouteTableObservation published(List<Observation> observations, String tableId) {
        return observations.stream().map(RouteTableObservation.class::cast).filter(t -> t.routeTableId().equals(tableId)).findFirst()
                .orElseThrow(() -> new AssertionError(tableId + " not published"));
    }

    private static Optional<String> target(List<Observation> observations, String tableId, int fs) {
        return published(observations, tableId).hostRoute(floating(fs)).map(r -> r.targetId());
    }

    private static Set<String> ids(List<Observation> observations) {
        Set<String> ids = new TreeSet<>();
        observations.forEach(o -> ids.add(((RouteTableObservation) o).routeTableId()));
        return ids;
    }

    /** Polls at {@code at} and returns what it published, after checking its calls. */
    private List<Observation> poll(Instant at, int expectedCalls) {
        simulator.resetFaultsAndCounts();
        List<Observation> published = loop.poll(TOKYO, at);
        assertThat(simulator.requestCount("DescribeRouteTables")).as("calls of the poll at %s", at).isEqualTo(expectedCalls);
        return published;
    }

    @Test
    void shouldReadOnePageBesideEachSentinelPollAndPublishAFlipAtTheNextPollWhereAFullReadWouldHaveRun() {
        assertThat(loop.nominalInterval(TOKYO, Duration.ofSeconds(2))).as("before the first read: 6 pages at half of 2/s")
                .isEqualTo(Duration.ofSeconds(6));
        poll(T0, 6);
        assertThat(loop.nominalInterval(TOKYO, Duration.ofSeconds(2))).as("reported: the interval a flip is seen at, not a full read's")
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.decide(TOKYO, T0)).as("1 sentinel call and 1 page at half of 2/s: the 2 s setting")
                .isEqualTo(new RouteTableCadence.Decision(Duration.ofSeconds(2), RouteTableCadence.Reason.STEADY, false));

        for (int s = 2; s <= 40; s += 2) {
            List<Observation> quiet = poll(T0.plusSeconds(s), 2);
            assertThat(quiet).as("every table published at %d s", s).hasSize(TABLES);
        }
        // Without the rolling read, a 6-call full read would run every 24 s; now each poll is the sentinel and one page.
        simulator.region(TOKYO.region()).setRoute(table(100, 0), floating(100) + "/32", eni(100, 1));

        List<Observation> flipped = poll(T0.plusSeconds(48), 2);

        assertThat(target(flipped, table(100, 0), 100)).as("published by the poll that saw it").contains(eni(100, 1));
        assertThat(target(flipped, table(100, 1), 100)).contains(eni(100, 0));
        assertThat(loop.decide(TOKYO, T0.plusSeconds(48)).reason()).as("the move turns the loop urgent")
                .isEqualTo(RouteTableCadence.Reason.CONVERGING);
    }

    @Test
    void shouldSeeARouteDeletedOrBlackholedWithoutAMoveWithinOnePassAndTombstoneOnlyADeletedTable() {
        poll(T0, 6);
        SimulatedRegion region = simulator.region(TOKYO.region());
        // Neither is a move to a watched ENI, so the sentinel cannot see them; the rolling read does, within its 6 pages.
        region.deleteRoute(table(7, 2), floating(7) + "/32");
        region.blackholeRoute(table(60, 1), floating(60) + "/32");
        region.removeRouteTable(table(140, 3));

        Set<String> all = new TreeSet<>();
        for (int fs = 0; fs < FILE_SYSTEMS; fs++) {
            for (int t = 0; t < 4; t++) {
                all.add(table(fs, t));
            }
        }
        List<Observation> published = List.of();
        boolean deletedGone = false;
        for (int s = 2; s <= 12; s += 2) {
            published = poll(T0.plusSeconds(s), 2);
            Set<String> seen = ids(published);
            Set<String> others = new TreeSet<>(all);
            others.remove(table(140, 3));
            assertThat(seen).as("no page tombstones a table it did not ask for (%d s)", s).containsAll(others);
            if (!seen.contains(table(140, 3))) {
                deletedGone = true;
            } else {
                assertThat(deletedGone).as("a table held as gone does not come back").isFalse();
            }
            if (s == 2) {
                assertThat(seen).as("the deleted table's page (the last) is not read yet").contains(table(140, 3));
            }
        }
        assertThat(deletedGone).as("the deleted table is gone after one pass").isTrue();
        assertThat(target(published, table(7, 2), 7)).as("the floating route deleted from that table").isEmpty();
        assertThat(published(published, table(60, 1)).hostRoute(floating(60)).orElseThrow().state()).isEqualTo("blackhole");

        simulator.region(TOKYO.region()).setRoute(table(7, 0), floating(7) + "/32", eni(7, 1));
        List<Observation> next = poll(T0.plusSeconds(14), 2);
        assertThat(target(next, table(7, 0), 7)).as("the sentinel still watches fs 7's other ENI").contains(eni(7, 1));
    }

    @Test
    void shouldRollTheFullReadWhileUrgentTooSoNoFocusPollWaitsBehindALongRead() {
        poll(T0, 6);
        simulator.region(TOKYO.region()).setRoute(table(3, 0), floating(3) + "/32", eni(3, 1));
        poll(T0.plusSeconds(2), 2);
        assertThat(loop.decide(TOKYO, T0.plusSeconds(2)).reason()).isEqualTo(RouteTableCadence.Reason.CONVERGING);

        int most = 0;
        for (int s = 3; s <= 40; s += 2) {
            simulator.resetFaultsAndCounts();
            loop.poll(TOKYO, T0.plusSeconds(s));
            most = Math.max(most, simulator.requestCount("DescribeRouteTables"));
        }
        assertThat(most).as("one focus call, and every 2 s the sentinel with a page: never the 6-call full read").isLessThanOrEqualTo(3);

        simulator.region(TOKYO.region()).setRoute(table(120, 2), floating(120) + "/32", eni(120, 1));
        List<Observation> second = List.of();
        for (int s = 41; s <= 43; s += 2) {
            second = loop.poll(TOKYO, T0.plusSeconds(s));
        }
        assertThat(target(second, table(120, 2), 120)).as("a second file system's flip while urgent, within the sentinel's interval")
                .contains(eni(120, 1));
    }
}
