package io.floatwatch.app.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimStorageVirtualMachine;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimVpcPeering;
import io.floatwatch.testkit.aws.SimVpnConnection;
import io.floatwatch.testkit.aws.SimVpnGateway;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 1, as a new user runs it ({@code floatwatch all -c floatwatch.yaml}, the simulated AWS on
 * the real wire protocols, a real Kafka broker): docs/domain.md section 1's ONTAP file system reached over VPC
 * peering and over a VPN on a VGW whose routes are not propagated. Clients mount the SVM's endpoints: the
 * floating NFS/SMB endpoint cannot work over peering, the iSCSI ENI addresses can; over the VGW the iSCSI
 * endpoints fail on the way back until propagation is enabled.
 */
class OntapEndpointVerdictIT {

    private static final String REGION = "ap-northeast-1";
    private static final String VPC = "vpc-0a1b2c3d4e5f00001";
    private static final String PEER_VPC = "vpc-0feedc0ffee000001";
    private static final String FS = "fs-0a1b2c3d4e5f00a01";
    private static final String SUBNET_A = "subnet-0a0000000000000a1";
    private static final String SUBNET_C = "subnet-0c0000000000000c1";
    private static final String ENI_A = "eni-0a00000000000000a";
    private static final String ENI_C = "eni-0c00000000000000c";
    private static final String RTB_A = "rtb-0a00000000000000a";
    private static final String RTB_C = "rtb-0c00000000000000c";
    private static final String PCX = "pcx-0a1b2c3d4e5f00001";
    private static final String VGW = "vgw-0a1b2c3d4e5f00001";
    private static final String MANAGEMENT = "10.0.15.231";
    private static final String SVM_DATA = "10.0.15.239";

    private static void install(SimulatedRegion region, boolean propagated) {
        region.clear();
        region.putVpc(VPC, "10.0.0.0/16");
        region.putSubnet(new SimSubnet(SUBNET_A, VPC, "10.0.8.0/24", REGION + "a"));
        region.putSubnet(new SimSubnet(SUBNET_C, VPC, "10.0.9.0/24", REGION + "c"));
        region.putNetworkInterface(new SimNetworkInterface(ENI_A, SUBNET_A, VPC, REGION + "a", "interface",
                "ENI for FSx " + FS, List.of("10.0.8.10", "10.0.8.138", "10.0.8.5")));
        region.putNetworkInterface(new SimNetworkInterface(ENI_C, SUBNET_C, VPC, REGION + "c", "interface",
                "ENI for FSx " + FS, List.of("10.0.9.10", "10.0.9.245", "10.0.9.214")));
        tables(region, propagated);
        region.putRouteTable(SimRouteTable.of("rtb-0main000000000001", VPC, List.of(), List.of(SimRoute.local("10.0.0.0/16")))
                .withMain(true));
        region.putFileSystem(SimFileSystem.ontapMultiAz(FS, VPC, List.of(SUBNET_A, SUBNET_C), List.of(ENI_A, ENI_C),
                "10.0.15.192/26", List.of(MANAGEMENT), List.of("10.0.8.138", "10.0.9.245"), List.of(RTB_A, RTB_C), 512));
        region.putStorageVirtualMachine(new SimStorageVirtualMachine("svm-0a1b2c3d4e5f00001", FS, "svm1",
                List.of("10.0.15.240"), List.of(SVM_DATA), List.of(SVM_DATA), List.of("10.0.8.5", "10.0.9.214")));
        region.putVpcPeering(new SimVpcPeering(PCX, "active",
                new SimVpcPeering.Side(region.accountId(), REGION, PEER_VPC, List.of("10.1.0.0/16")),
                new SimVpcPeering.Side(region.accountId(), REGION, VPC, List.of("10.0.0.0/16"))));
        region.putVpnGateway(new SimVpnGateway(VGW, "available", 64512, List.of(VPC)));
        Instant changed = Instant.now().minus(Duration.ofHours(1));
        region.putVpnConnection(new SimVpnConnection("vpn-0a1b2c3d4e5f00001", "available", "cgw-0a1b2c3d4e5f00001", VGW,
                null, true, List.of("192.168.0.0/16"), List.of(
                        new SimVpnConnection.Tunnel("198.51.100.20", "169.254.20.0/30", "UP", "", changed, 0),
                        new SimVpnConnection.Tunnel("198.51.100.21", "169.254.21.0/30", "UP", "", changed, 0))));
    }

    /** The FSx-managed tables: both floating /32s on the active ENI, the way back over the peering, and the VGW's routes if propagated. */
    private static void tables(SimulatedRegion region, boolean propagated) {
        for (String[] t : new String[][] {{RTB_A, SUBNET_A}, {RTB_C, SUBNET_C}}) {
            List<SimRoute> routes = new ArrayList<>(List.of(SimRoute.local("10.0.0.0/16"),
                    SimRoute.to(MANAGEMENT + "/32", ENI_A), SimRoute.to(SVM_DATA + "/32", ENI_A), SimRoute.to("10.1.0.0/16", PCX)));
            if (propagated) {
                routes.add(new SimRoute("192.168.0.0/16", VGW, "active", "EnableVgwRoutePropagation"));
            }
            region.putRouteTable(SimRouteTable.of(t[0], VPC, List.of(t[1]), routes));
        }
    }

    @Test
    void shouldJudgeEachOntapEndpointAClientMountsWithItsKindAndClearTheVgwPathOncePropagationIsOn(@TempDir Path dir)
            throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            install(region, false);
            String config = FloatwatchYaml.of(broker.bootstrapServers(), aws.endpoint())
                    .account(aws.accountId(), REGION)
                    .everySecond("fsx.storage-virtual-machines", "vpn.connections", "vpn.gateways", "ec2.vpc-peering",
                            "ec2.vpcs", "ec2.subnets")
                    .clients("""
                            - name: peer-app
                              cidr: 10.1.0.0/16
                              via: peering
                              vpcId: %1$s
                              fileSystemIds: [%2$s]
                            - name: onprem-iscsi
                              cidr: 192.168.0.0/16
                              via: vpn-vgw
                              endpoints: [iscsi]
                              fileSystemIds: [%2$s]
                            """.formatted(PEER_VPC, FS))
                    .render();
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config)) {
                String seen = floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unsupported", "peer-app", SVM_DATA) == 1
                        && RunningFloatwatch.active(m, "client_path_unreachable", "onprem-iscsi", "10.0.8.5") == 1
                        && RunningFloatwatch.active(m, "client_path_unreachable", "onprem-iscsi", "10.0.9.214") == 1);
                assertThat(seen).as("the floating SVM endpoint is labelled with both kinds it serves")
                        .containsPattern("floatwatch_findings_active\\{[^}]*client=\"peer-app\",endpoint_ip=\"10\\.0\\.15\\.239\","
                                + "endpoint_kind=\"nfs,smb\"[^}]*type=\"client_path_unsupported\"");
                assertThat(RunningFloatwatch.active(seen, "client_path_unsupported", "peer-app", "10.0.8.5"))
                        .as("iSCSI works over peering").isZero();
                assertThat(RunningFloatwatch.active(seen, "client_path_unreachable", "peer-app", "10.0.8.5")).isZero();
                assertThat(RunningFloatwatch.active(seen, "client_path_unsupported", "onprem-iscsi", SVM_DATA))
                        .as("the VGW client declared iSCSI only").isZero();
                assertThat(floatwatch.log()).contains("route propagation from " + VGW);

                tables(region, true);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "onprem-iscsi", null) == 0
                        && RunningFloatwatch.active(m, "client_path_unsupported", "peer-app", SVM_DATA) == 1);
            }
        }
    }
}
