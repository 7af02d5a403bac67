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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a full read of the managed tables costs several calls (60 file systems x 4 tables = 240 tables, 3 calls) and the
 * flip sentinel fewer (60 watched ENIs, 1 call), steady polls ask only the sentinel and read every table at the rest of
 * the share; a flip with no administrative action and no maintenance window is published by the next sentinel poll and
 * turns the loop urgent. Real SDK against the simulator, calls counted.
 */
class RouteTableSentinelTest {

    private static final int FILE_SYSTEMS = 60;
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private AwsSimulator simulator;
    private AwsClients clients;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        CollectorSettings settings = TestSupport.settings(simulator, "unused:9092", TOKYO);
        clients = TestSupport.clients(settings, new SimpleMeterRegistry());
        SimulatedRegion region = simulator.region(TOKYO.region());
        ManagedTablesEstate.install(region, FILE_SYSTEMS);
    }

    @AfterEach
    void stop() {
        clients.close();
        simulator.close();
    }





    private static String target(List<Observation> observations, String tableId, int fs) {
        return observations.stream().map(RouteTableObservation.class::cast).filter(t -> t.routeTableId().equals(tableId)).findFirst()
                .orElseThrow().hostRoute(floating(fs)).orElseThrow().targetId();
    }

    @Test
    void shouldSeeAFlipOutOfTheBlueAtTheNextSentinelPollWhileTheFullReadIsFarAway() {
        Sightings sightings = new Sightings();
        FileSystemSource fileSystems = new FileSystemSource(clients);
        RouteTableCadence cadence = new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0);
        RouteTableSource loop = new RouteTableSource(clients, new RouteTableView(), sightings, List.of(), cadence);
        sightings.record(TOKYO, FileSystemSource.NAME, fileSystems.poll(TOKYO, T0));
        simulator.resetFaultsAndCounts();
        loop.poll(TOKYO, T0);
        assertThat(simulator.requestCount("DescribeRouteTables")).as("the first read is of every table: 240 = 3 pages").isEqualTo(3);
        assertThat(loop.decide(TOKYO, T0)).as("60 ENIs watched in one call, at the 2 s setting")
                .isEqualTo(new RouteTableCadence.Decision(Duration.ofSeconds(2), RouteTableCadence.Reason.STEADY, false));

        simulator.resetFaultsAndCounts();
        for (int s = 2; s <= 10; s += 2) {
            List<Observation> quiet = loop.poll(TOKYO, T0.plusSeconds(s));
            assertThat(quiet).as("every table still published, as last read").hasSize(FILE_SYSTEMS * 4);
        }
        assertThat(simulator.requestCount("DescribeRouteTables")).as("five sentinel polls, one call each, nothing found").isEqualTo(5);
        assertThat(loop.decide(TOKYO, T0.plusSeconds(10)).reason()).isEqualTo(RouteTableCadence.Reason.STEADY);

        simulator.resetFaultsAndCounts();
        loop.poll(TOKYO, T0.plusSeconds(12));
        assertThat(simulator.requestCount("DescribeRouteTables")).as("3 calls at a quarter of 1/s: every table each 12 s").isEqualTo(3);

        simulator.region(TOKYO.region()).setRoute(table(13, 0), floating(13) + "/32", eni(13, 1));
        simulator.resetFaultsAndCounts();

        List<Observation> flipped = loop.poll(TOKYO, T0.plusSeconds(14));

        assertThat(simulator.requestCount("DescribeRouteTables")).as("the sentinel alone, the full read 10 s away").isEqualTo(1);
        assertThat(target(flipped, table(13, 0), 13)).as("published by the poll that saw it").isEqualTo(eni(13, 1));
        assertThat(target(flipped, table(13, 1), 13)).isEqualTo(eni(13, 0));
        assertThat(flipped).hasSize(FILE_SYSTEMS * 4);
        RouteTableCadence.Decision next = loop.decide(TOKYO, T0.plusSeconds(14));
        assertThat(next.reason()).as("the move turns the loop urgent: focus reads follow the rest of the flip")
                .isEqualTo(RouteTableCadence.Reason.CONVERGING);

        simulator.region(TOKYO.region()).setRoute(table(13, 1), floating(13) + "/32", eni(13, 1));
        simulator.resetFaultsAndCounts();
        List<Observation> focused = loop.poll(TOKYO, T0.plusMillis(14_500));

        assertThat(simulator.requestCount("DescribeRouteTables")).as("one focus call for fs 13's tables").isEqualTo(1);
        assertThat(target(focused, table(13, 1), 13)).isEqualTo(eni(13, 1));

        simulator.region(TOKYO.region()).setRoute(table(29, 2), floating(29) + "/32", eni(29, 1));
        simulator.resetFaultsAndCounts();
        List<Observation> both = loop.poll(TOKYO, T0.plusMillis(16_500));

        assertThat(simulator.requestCount("DescribeRouteTables")).as("the focus call and, 2 s after it last ran, the sentinel's")
                .isEqualTo(2);
        assertThat(target(both, table(29, 2), 29)).as("another file system's flip while the loop is urgent").isEqualTo(eni(29, 1));
    }
}
