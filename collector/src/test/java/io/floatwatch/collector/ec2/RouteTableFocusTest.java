package io.floatwatch.collector.ec2;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.eni;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.floating;
import static io.floatwatch.collector.ec2.ManagedTablesEstate.fsId;
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
import io.floatwatch.testkit.aws.SimAdministrativeAction;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When re-reading every managed table at the urgent cadence would not fit the EC2 share (here 60 file systems x 4
 * tables = 240 tables, 3 calls), an urgent poll reads only the tables of the file system under an administrative action,
 * in one call (with the flip sentinel once per its interval), and every table again once the last full read is as old as
 * what the sentinel leaves of the steady share allows. Real SDK against the simulator.
 */
class RouteTableFocusTest {

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
    void shouldReadOnlyTheUpdatingFileSystemsTablesBetweenFullReadsWhenEveryTableWouldNotFitTheUrgentCadence() {
        Sightings sightings = new Sightings();
        FileSystemSource fileSystems = new FileSystemSource(clients);
        RouteTableCadence cadence = new RouteTableCadence(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0);
        RouteTableSource loop = new RouteTableSource(clients, new RouteTableView(), sightings, List.of(), cadence);
        sightings.record(TOKYO, FileSystemSource.NAME, fileSystems.poll(TOKYO, T0));
        loop.poll(TOKYO, T0);
        assertThat(loop.decide(TOKYO, T0).interval()).as("240 tables = 3 calls, but steady polls ask the 1-call sentinel")
                .isEqualTo(Duration.ofSeconds(2));

        simulator.region(TOKYO.region()).updateFileSystem(fsId(7), f -> f.withAdministrativeActions(List.of(
                SimAdministrativeAction.throughputUpdate(320, "IN_PROGRESS", T0))));
        sightings.record(TOKYO, FileSystemSource.NAME, fileSystems.poll(TOKYO, T0.plusSeconds(1)));
        simulator.region(TOKYO.region()).setRoute(table(7, 0), floating(7) + "/32", eni(7, 1));
        simulator.region(TOKYO.region()).setRoute(table(3, 0), floating(3) + "/32", eni(3, 1));
        simulator.resetFaultsAndCounts();

        List<Observation> focused = loop.poll(TOKYO, T0.plusSeconds(2));

        assertThat(simulator.requestCount("DescribeRouteTables")).as("one call for fs 7's four tables, one for the flip sentinel")
                .isEqualTo(2);
        assertThat(target(focused, table(7, 0), 7)).isEqualTo(eni(7, 1));
        assertThat(target(focused, table(3, 0), 3)).as("no action on fs 3: its flip is the sentinel's").isEqualTo(eni(3, 1));
        assertThat(target(focused, table(3, 1), 3)).as("not read this time: as the last full read saw it").isEqualTo(eni(3, 0));
        assertThat(loop.decide(TOKYO, T0.plusSeconds(2)).reason()).isEqualTo(RouteTableCadence.Reason.CONVERGING);
        assertThat(loop.decide(TOKYO, T0.plusSeconds(2)).interval()).as("one focus call at a quarter of 2/s").isEqualTo(Duration.ofSeconds(2));

        simulator.resetFaultsAndCounts();
        loop.poll(TOKYO, T0.plusSeconds(3));
        assertThat(simulator.requestCount("DescribeRouteTables")).as("the focus alone: the sentinel ran 1 s ago").isEqualTo(1);

        simulator.region(TOKYO.region()).setRoute(table(3, 1), floating(3) + "/32", eni(3, 1));
        simulator.resetFaultsAndCounts();
        List<Observation> full = loop.poll(TOKYO, T0.plusSeconds(12));

        assertThat(simulator.requestCount("DescribeRouteTables")).as("the full read is 12 s old (a quarter of the steady share): every table")
                .isEqualTo(3);
        assertThat(target(full, table(3, 1), 3)).isEqualTo(eni(3, 1));
    }
}
