package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.fsx.model.AdministrativeAction;
import software.amazon.awssdk.services.fsx.model.FSxException;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.fsx.model.FileSystemNotFoundException;

class FsxSimulatorTest {

    private static final String REGION = "ap-northeast-1";
    private static AwsSimulator simulator;
    private static FSxClient fsx;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start();
        fsx = SdkClients.fsx(simulator, REGION);
    }

    @AfterAll
    static void stop() {
        fsx.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.resetFaultsAndCounts();
        simulator.pageSize(AwsSimulator.DEFAULT_PAGE_SIZE);
        simulator.region(REGION).clear();
    }

    private static SimFileSystem openZfs(String id) {
        return SimFileSystem.openZfsMultiAz(id, "vpc-1", List.of("subnet-a", "subnet-c"), List.of("eni-a", "eni-c"),
                "10.0.255.224/28", "10.0.255.231", List.of("rtb-1", "rtb-2"), 160);
    }

    @Test
    void shouldParseTheOpenZfsMultiAzFieldsWhenTheSdkReadsAFileSystem() {
        Instant requested = Instant.parse("2025-01-01T00:02:00Z");
        simulator.region(REGION).putFileSystem(openZfs("fs-1").withAdministrativeActions(
                List.of(SimAdministrativeAction.throughputUpdate(320, "IN_PROGRESS", requested))));

        FileSystem fs = fsx.describeFileSystems().fileSystems().get(0);

        assertThat(fs.fileSystemTypeAsString()).isEqualTo("OPENZFS");
        assertThat(fs.vpcId()).isEqualTo("vpc-1");
        assertThat(fs.subnetIds()).containsExactly("subnet-a", "subnet-c");
        assertThat(fs.networkInterfaceIds()).containsExactly("eni-a", "eni-c");
        assertThat(fs.openZFSConfiguration().deploymentTypeAsString()).isEqualTo("MULTI_AZ_1");
        assertThat(fs.openZFSConfiguration().endpointIpAddressRange()).isEqualTo("10.0.255.224/28");
        assertThat(fs.openZFSConfiguration().endpointIpAddress()).isEqualTo("10.0.255.231");
        assertThat(fs.openZFSConfiguration().routeTableIds()).containsExactly("rtb-1", "rtb-2");
        assertThat(fs.openZFSConfiguration().preferredSubnetId()).isEqualTo("subnet-a");
        assertThat(fs.openZFSConfiguration().throughputCapacity()).isEqualTo(160);
        AdministrativeAction action = fs.administrativeActions().get(0);
        assertThat(action.administrativeActionTypeAsString()).isEqualTo("FILE_SYSTEM_UPDATE");
        assertThat(action.statusAsString()).isEqualTo("IN_PROGRESS");
        assertThat(action.requestTime()).isEqualTo(requested);
        assertThat(action.targetFileSystemValues().openZFSConfiguration().throughputCapacity()).isEqualTo(320);
    }

    @Test
    void shouldParseOntapEndpointsWhenTheSdkReadsAnOntapFileSystem() {
        simulator.region(REGION).putFileSystem(SimFileSystem.ontapMultiAz("fs-2", "vpc-1", List.of("subnet-a", "subnet-c"),
                List.of("eni-a", "eni-c"), "10.0.15.192/26", List.of("10.0.15.231"), List.of("10.0.8.138", "10.0.9.245"),
                List.of("rtb-1"), 128));

        FileSystem fs = fsx.describeFileSystems(r -> r.fileSystemIds("fs-2")).fileSystems().get(0);

        assertThat(fs.ontapConfiguration().endpointIpAddressRange()).isEqualTo("10.0.15.192/26");
        assertThat(fs.ontapConfiguration().endpoints().management().ipAddresses()).containsExactly("10.0.15.231");
        assertThat(fs.ontapConfiguration().endpoints().intercluster().ipAddresses()).containsExactly("10.0.8.138", "10.0.9.245");
        assertThat(fs.ontapConfiguration().routeTableIds()).containsExactly("rtb-1");
        assertThat(fs.ontapConfiguration().preferredSubnetId()).isEqualTo("subnet-a");
    }

    @Test
    void shouldReturnEveryFileSystemAcrossPagesWhenThePageSizeIsSmall() {
        for (int i = 0; i < 5; i++) {
            simulator.region(REGION).putFileSystem(openZfs("fs-0" + i));
        }
        simulator.pageSize(2);

        List<String> ids = fsx.describeFileSystemsPaginator(r -> r.maxResults(10)).stream().flatMap(page -> page.fileSystems().stream())
                .map(FileSystem::fileSystemId).toList();

        assertThat(ids).containsExactly("fs-00", "fs-01", "fs-02", "fs-03", "fs-04");
        assertThat(simulator.requestCount("DescribeFileSystems")).isEqualTo(3);
    }

    @Test
    void shouldSucceedAfterSdkRetriesWhenThrottled() {
        simulator.region(REGION).putFileSystem(openZfs("fs-1"));
        simulator.throttleNext("DescribeFileSystems", 2);

        assertThat(fsx.describeFileSystems().fileSystems()).hasSize(1);
        assertThat(simulator.requestCount("DescribeFileSystems")).isEqualTo(3);
    }

    @Test
    void shouldRaiseFileSystemNotFoundWhenAnIdIsUnknown() {
        assertThatThrownBy(() -> fsx.describeFileSystems(r -> r.fileSystemIds("fs-missing")))
                .isInstanceOfSatisfying(FileSystemNotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FileSystemNotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void shouldRaiseTheInjectedCodeWhenAFailureIsQueued() {
        simulator.failNext("DescribeFileSystems", 400, "AccessDeniedException");

        assertThatThrownBy(() -> fsx.describeFileSystems())
                .isInstanceOfSatisfying(FSxException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.isThrottlingException()).isFalse();
                });
        assertThat(simulator.requestCount("DescribeFileSystems")).isEqualTo(1);
    }

    @Test
    void shouldBeThrottlingWhenThrottledBeyondTheRetryBudget() {
        simulator.throttleNext("DescribeFileSystems", 10);

        assertThatThrownBy(() -> fsx.describeFileSystems())
                .isInstanceOfSatisfying(FSxException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.isThrottlingException()).isTrue();
                });
    }
}
