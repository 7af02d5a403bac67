package io.floatwatch.app.verdicts;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_CIDR;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimTgwAttachment;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimTransitGateway;
import io.floatwatch.testkit.aws.SimVpnConnection;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 4, as a new user runs it: an on-premises client behind a Site-to-Site VPN on a Transit
 * Gateway. The TGW route table associated with the file system VPC's attachment does not propagate the VPN
 * attachment, so the way back to the client is missing: the client's path is unreachable with that table as
 * the failing hop, VPN_ROUTES_NOT_PROPAGATED names the TGW route table and the attachment, and enabling the
 * propagation clears both.
 */
class TgwVpnReturnPathIT {

    private static final String TGW = "tgw-0a1b2c3d4e5f00009";
    private static final String RTB_FS = "tgw-rtb-0f5000000000000a1";
    private static final String RTB_VPN = "tgw-rtb-0b9000000000000b1";
    private static final String ATTACH_FS = "tgw-attach-0f50000000000a1";
    private static final String ATTACH_VPN = "tgw-attach-0b90000000000b1";
    private static final String VPN = "vpn-0b9000000000000c1";
    private static final String ONPREM = "192.168.0.0/16";

    private static void install(SimulatedRegion region, boolean propagated) {
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, null, null));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_FS, TGW, "vpc", VPC_ID, "available", RTB_FS));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_VPN, TGW, "vpn", VPN, "available", RTB_VPN));
        region.putTgwRouteTable(new SimTgwRouteTable(RTB_VPN, TGW, List.of(ATTACH_FS),
                List.of(new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_FS)))));
        region.putTgwRouteTable(propagated
                ? new SimTgwRouteTable(RTB_FS, TGW, List.of(ATTACH_FS, ATTACH_VPN), List.of(
                        new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_FS)),
                        new SimTgwRouteTable.Route(ONPREM, "propagated", "active", List.of(ATTACH_VPN))))
                : new SimTgwRouteTable(RTB_FS, TGW, List.of(ATTACH_FS), List.of(
                        new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_FS)))));
    }

    @Test
    void shouldProveTheWayBackMissingAndNameTheTgwRouteTableTheVpnIsNotPropagatedInto(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            OpenZfsFailoverScenario.installBaseline(region);
            for (String[] t : new String[][] {{ROUTE_TABLE_A_ID, PREFERRED_SUBNET_ID}, {ROUTE_TABLE_B_ID, STANDBY_SUBNET_ID}}) {
                region.putRouteTable(SimRouteTable.of(t[0], VPC_ID, List.of(t[1]), List.of(SimRoute.local(VPC_CIDR),
                        SimRoute.to(FLOATING_ROUTE, PREFERRED_ENI_ID), SimRoute.to(ONPREM, TGW))));
            }
            Instant changed = Instant.now().minus(Duration.ofHours(1));
            region.putVpnConnection(new SimVpnConnection(VPN, "available", "cgw-0b9000000000000d1", null, TGW, false, List.of(),
                    List.of(new SimVpnConnection.Tunnel("203.0.113.10", "169.254.30.0/30", "UP", "3 BGP ROUTES", changed, 3),
                            new SimVpnConnection.Tunnel("203.0.113.11", "169.254.31.0/30", "UP", "3 BGP ROUTES", changed, 3))));
            install(region, false);
            String config = FloatwatchYaml.of(broker.bootstrapServers(), aws.endpoint())
                    .account(aws.accountId(), REGION)
                    .everySecond("tgw.route-tables", "tgw.attachments", "tgw.transit-gateways", "vpn.connections")
                    .clients("""
                            - name: onprem
                              cidr: %s
                              via: vpn-tgw
                            """.formatted(ONPREM))
                    .render();
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config)) {
                String broken = floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "onprem", null) == 1
                        && m.matches("(?s).*floatwatch_findings_active\\{[^}]*route_table_id=\"" + RTB_FS
                                + "\"[^}]*type=\"vpn_routes_not_propagated\"[^}]*} 1\\.0.*"));
                assertThat(RunningFloatwatch.findings(broken)).contains("vpn_id=\"" + VPN + "\"");
                assertThat(floatwatch.log()).contains("return path broken, " + RTB_FS)
                        .contains(ATTACH_VPN + " (vpn " + VPN + ") is not propagated into " + RTB_FS);

                install(region, true);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "onprem", null) == 0
                        && !m.matches("(?s).*type=\"vpn_routes_not_propagated\"[^}]*} 1\\.0.*"));
            }
        }
    }
}
