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
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimTgwAttachment;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimTransitGateway;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 2, as a new user runs it: the enterprise design of docs/domain.md section 6 on the real wire
 * protocols, each account reached through its own role (sts:AssumeRole). The file system lives in a storage
 * account, the client in an application account, and the Transit Gateway in a network account that shares it
 * through AWS RAM: only the owner sees its route tables and associations. A route removed in the network
 * account's TGW route table cuts the client off, and the page names that table and its account.
 */
class CrossAccountVerdictIT {

    private static final String STORAGE = "111111111111";
    private static final String CLIENTS = "222222222222";
    private static final String NETWORK = "333333333333";
    private static final String TGW = "tgw-0a1b2c3d4e5f00001";
    private static final String TGW_RTB = "tgw-rtb-0a1b2c3d4e5f0001";
    private static final String ATTACH_STORAGE = "tgw-attach-0a1b2c3d4e5f001";
    private static final String ATTACH_CLIENTS = "tgw-attach-0a1b2c3d4e5f002";
    private static final String CLIENT_VPC = "vpc-0c11e0700000000b1";
    private static final String CLIENT_SUBNET = "subnet-0c11e070000000b1";
    private static final String CLIENT_CIDR = "10.1.0.0/16";

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/floatwatch-read";
    }

    private static void storage(SimulatedRegion region) {
        OpenZfsFailoverScenario.installBaseline(region);
        for (String[] t : new String[][] {{ROUTE_TABLE_A_ID, PREFERRED_SUBNET_ID}, {ROUTE_TABLE_B_ID, STANDBY_SUBNET_ID}}) {
            region.putRouteTable(SimRouteTable.of(t[0], VPC_ID, List.of(t[1]), List.of(SimRoute.local(VPC_CIDR),
                    SimRoute.to(FLOATING_ROUTE, PREFERRED_ENI_ID), SimRoute.to(CLIENT_CIDR, TGW))));
        }
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, null, null).sharedFrom(NETWORK));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_STORAGE, TGW, "vpc", VPC_ID, "available", null).owners(NETWORK, null));
    }

    private static void clients(SimulatedRegion region) {
        region.putVpc(CLIENT_VPC, CLIENT_CIDR);
        region.putSubnet(new SimSubnet(CLIENT_SUBNET, CLIENT_VPC, "10.1.1.0/24", REGION + "a"));
        region.putRouteTable(SimRouteTable.of("rtb-0c11e070000000001", CLIENT_VPC, List.of(CLIENT_SUBNET),
                List.of(SimRoute.local(CLIENT_CIDR), SimRoute.to("10.0.0.0/8", TGW))));
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, null, null).sharedFrom(NETWORK));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_CLIENTS, TGW, "vpc", CLIENT_VPC, "available", null).owners(NETWORK, null));
    }

    private static void network(SimulatedRegion region, boolean routeBackToClients) {
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, TGW_RTB, TGW_RTB));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_STORAGE, TGW, "vpc", VPC_ID, "available", TGW_RTB).owners(null, STORAGE));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_CLIENTS, TGW, "vpc", CLIENT_VPC, "available", TGW_RTB)
                .owners(null, CLIENTS));
        List<SimTgwRouteTable.Route> routes = routeBackToClients
                ? List.of(new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_STORAGE)),
                        new SimTgwRouteTable.Route(CLIENT_CIDR, "propagated", "active", List.of(ATTACH_CLIENTS)))
                : List.of(new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_STORAGE)));
        region.putTgwRouteTable(new SimTgwRouteTable(TGW_RTB, TGW, routeBackToClients
                ? List.of(ATTACH_STORAGE, ATTACH_CLIENTS) : List.of(ATTACH_STORAGE), routes));
    }

    /** Every account through its own role, the client in the application account, fast polls. */
    private static String config(KafkaBroker broker, AwsSimulator aws, String staleAfter) {
        FloatwatchYaml yaml = FloatwatchYaml.of(broker.bootstrapServers(), aws.endpoint());
        for (String account : List.of(STORAGE, CLIENTS, NETWORK)) {
            yaml.account(account, REGION, role(account));
        }
        return yaml.everySecond("tgw.route-tables", "tgw.attachments", "tgw.transit-gateways", "ec2.vpcs", "ec2.subnets")
                .analyzer("staleAfter", staleAfter)
                .clients("""
                        - name: app-b
                          account: "%s"
                          cidr: %s
                          via: tgw
                          subnetId: %s
                          vpcId: %s
                          fileSystemIds: [%s]
                        """.formatted(CLIENTS, CLIENT_CIDR, CLIENT_SUBNET, CLIENT_VPC, OpenZfsFailoverScenario.FILE_SYSTEM_ID))
                .render();
    }

    @Test
    void shouldSayUnverifiedNotReachableWhileTheClientsAccountCannotBeAssumed(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            storage(aws.region(STORAGE, REGION));
            clients(aws.region(CLIENTS, REGION));
            network(aws.region(NETWORK, REGION), true);
            aws.allowRole(role(STORAGE), null).allowRole(role(NETWORK), null).denyRole(role(CLIENTS));
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config(broker, aws, "1m"))) {
                String blind = floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unverified", "app-b", null) == 1);
                assertThat(RunningFloatwatch.active(blind, "client_path_unreachable", "app-b", null)).isZero();
                assertThat(floatwatch.log()).contains("cannot prove app-b reaches").contains(CLIENT_SUBNET);

                aws.allowRole(role(CLIENTS), null);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unverified", "app-b", null) == 0);
                assertThat(floatwatch.notifications()).noneMatch(l -> l.contains("ClientPathUnreachable"));
            }
        }
    }

    @Test
    void shouldJudgeAClientInOneAccountThroughAnotherAccountsTgwToAThirdAccountsFileSystem(@TempDir Path dir)
            throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            storage(aws.region(STORAGE, REGION));
            clients(aws.region(CLIENTS, REGION));
            network(aws.region(NETWORK, REGION), true);
            aws.allowRole(role(STORAGE), null).allowRole(role(CLIENTS), null).allowRole(role(NETWORK), null);
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config(broker, aws, "1m"))) {
                // Healthy: the route-table poll of the network account has run with the client's CIDR looked up.
                floatwatch.awaitMetrics(m -> m.contains("source=\"tgw.route-tables\"") && m.contains("account=\"" + NETWORK + "\"")
                        && m.contains("floatwatch_fsx_active_role{account=\"" + STORAGE + "\""));
                Thread.sleep(5_000);
                String healthy = floatwatch.awaitMetrics(m -> true);
                assertThat(RunningFloatwatch.active(healthy, "client_path_unreachable", "app-b", null))
                        .as("%s%n%s", RunningFloatwatch.findings(healthy), String.join("\n", floatwatch.notifications())).isZero();
                assertThat(RunningFloatwatch.active(healthy, "client_path_unverified", "app-b", null)).isZero();
                assertThat(floatwatch.notifications()).as("a fresh start across accounts pages nothing for the client")
                        .noneMatch(l -> l.contains("ClientPath"));

                network(aws.region(NETWORK, REGION), false);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "app-b", null) == 1);
                assertThat(floatwatch.log()).contains(TGW_RTB + " (account " + NETWORK + ")");

                network(aws.region(NETWORK, REGION), true);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "client_path_unreachable", "app-b", null) == 0);
            }
        }
    }
}
