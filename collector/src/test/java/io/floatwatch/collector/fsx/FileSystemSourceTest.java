package io.floatwatch.collector.fsx;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.fsx.model.FileSystemEndpoint;
import software.amazon.awssdk.services.fsx.model.FileSystemEndpoints;
import software.amazon.awssdk.services.fsx.model.OntapFileSystemConfiguration;

class FileSystemSourceTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private AwsSimulator simulator;
    private AwsClients clients;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        CollectorSettings settings = TestSupport.settings(simulator, "unused:9092", TOKYO);
        clients = TestSupport.clients(settings, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldReportFloatingIpTablesAndEnisWhenTheScenarioIsMidUpdate() {
        playUntil(simulator.region(REGION), START, Duration.ofMinutes(5));

        List<Observation> observations = new FileSystemSource(clients).poll(TOKYO, START);

        FileSystemObservation fs = observations.stream().filter(FileSystemObservation.class::isInstance)
                .map(FileSystemObservation.class::cast).findFirst().orElseThrow();
        assertThat(fs.fileSystemId()).isEqualTo(FILE_SYSTEM_ID);
        assertThat(fs.fileSystemType()).isEqualTo("OPENZFS");
        assertThat(fs.deploymentType()).isEqualTo("MULTI_AZ_1");
        assertThat(fs.multiAz()).isTrue();
        assertThat(fs.endpointIpAddressRange()).isEqualTo(ENDPOINT_IP_ADDRESS_RANGE);
        assertThat(fs.floatingIps()).containsExactly(FLOATING_IP);
        assertThat(fs.routeTableIds()).containsExactly(ROUTE_TABLE_A_ID, ROUTE_TABLE_B_ID);
        assertThat(fs.preferredSubnetId()).isEqualTo(PREFERRED_SUBNET_ID);
        assertThat(fs.networkInterfaceIds()).containsExactly(PREFERRED_ENI_ID, STANDBY_ENI_ID);
        assertThat(fs.throughputCapacity()).isEqualTo(THROUGHPUT_BEFORE);
        assertThat(fs.administrativeActions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("FILE_SYSTEM_UPDATE");
            assertThat(a.inProgress()).isTrue();
            assertThat(a.requestTime()).isEqualTo(START.plus(UPDATE_REQUESTED));
            assertThat(a.detail()).isEqualTo("ThroughputCapacity=" + THROUGHPUT_AFTER);
        });
        assertThat(observations).filteredOn(NetworkInterfaceObservation.class::isInstance)
                .map(NetworkInterfaceObservation.class::cast)
                .extracting(e -> e.networkInterfaceId() + "@" + e.subnetId() + "@" + e.availabilityZone())
                .containsExactlyInAnyOrder(PREFERRED_ENI_ID + "@" + PREFERRED_SUBNET_ID + "@" + PREFERRED_AZ,
                        STANDBY_ENI_ID + "@" + STANDBY_SUBNET_ID + "@" + STANDBY_AZ);
    }

    @Test
    void shouldReadEveryPageAndSkipMissingEnisWhenPagesAreSmall() {
        installBaseline(simulator.region(REGION));
        for (int i = 0; i < 3; i++) {
            simulator.region(REGION).putFileSystem(SimFileSystem.openZfsMultiAz("fs-extra" + i, VPC_ID,
                    List.of(PREFERRED_SUBNET_ID, STANDBY_SUBNET_ID), List.of("eni-x" + i + "a", "eni-x" + i + "c"),
                    "10.0.254.0/28", "10.0.254." + (i + 1), List.of(ROUTE_TABLE_A_ID), 160));
            simulator.region(REGION).putNetworkInterface(new SimNetworkInterface("eni-x" + i + "a", PREFERRED_SUBNET_ID, VPC_ID,
                    PREFERRED_AZ, "interface", "ENI for FSx fs-extra" + i, List.of("10.0.1." + (20 + i))));
            // eni-x<i>c is missing on purpose: deleted between the two calls.
        }
        simulator.pageSize(2);

        List<Observation> observations = new FileSystemSource(clients).poll(TOKYO, START);

        assertThat(observations).filteredOn(FileSystemObservation.class::isInstance).hasSize(4);
        assertThat(observations).filteredOn(NetworkInterfaceObservation.class::isInstance).hasSize(5);
        assertThat(simulator.requestCount("DescribeFileSystems")).isEqualTo(2);
        assertThat(simulator.requestCount("DescribeNetworkInterfaces")).isEqualTo(3);
    }

    @Test
    void shouldTreatOnlyManagementAddressesInsideTheRangeAsFloatingWhenMappingOntap() {
        FileSystem recorded = FileSystem.builder()
                .fileSystemId("fs-ontap").fileSystemType("ONTAP").lifecycle("AVAILABLE").vpcId("vpc-1")
                .subnetIds("subnet-a", "subnet-c").networkInterfaceIds("eni-a", "eni-c")
                .ontapConfiguration(OntapFileSystemConfiguration.builder()
                        .deploymentType("MULTI_AZ_2").endpointIpAddressRange("10.0.15.192/26")
                        .endpoints(FileSystemEndpoints.builder()
                                .management(FileSystemEndpoint.builder().ipAddresses("10.0.15.231", "10.0.8.5").build())
                                .intercluster(FileSystemEndpoint.builder().ipAddresses("10.0.8.138", "10.0.9.245").build())
                                .build())
                        .routeTableIds("rtb-1").preferredSubnetId("subnet-a").throughputCapacity(384).build())
                .build();

        FileSystemObservation o = FileSystemSource.map(TOKYO, recorded, START);

        assertThat(o.floatingIps()).containsExactly("10.0.15.231");
        assertThat(o.deploymentType()).isEqualTo("MULTI_AZ_2");
        assertThat(o.routeTableIds()).containsExactly("rtb-1");
        assertThat(o.preferredSubnetId()).isEqualTo("subnet-a");
        assertThat(o.throughputCapacity()).isEqualTo(384);
    }

    @Test
    void shouldSkipFileSystemsWithoutFloatingIpsWhenTheyAreWindowsOrLustre() {
        FileSystem windows = FileSystem.builder().fileSystemId("fs-win").fileSystemType("WINDOWS").build();
        List<Observation> observations = new FileSystemSource(clients).map(TOKYO,
                new FileSystemSnapshot(List.of(windows), List.of()), START);
        assertThat(observations).isEmpty();
    }
}
