package io.floatwatch.app.check;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
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
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floatwatch check} on docs/domain.md section 6's estate: the file system in a storage account, the client in an
 * application account, the TGW in a network account that shares it, each read through its own role. One snapshot
 * judges the client's path across all three, so every account must be loaded before any is judged.
 */
class CheckAcrossAccountsIT {

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
                    SimRoute.to(FLOATING_ROUTE, PREFERRED_ENI_ID), SimRoute.to(CLIENT_CIDR, TGW)))
                    .withTags(Map.of("AmazonFSx", "ManagedByAmazonFSx")));
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

    private static String config(AwsSimulator aws) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String account : List.of(STORAGE, CLIENTS, NETWORK)) {
            accounts.put(account, role(account));
        }
        return CheckEstate.config(accounts, aws.endpoint(), """
                - name: app-b
                  account: "%s"
                  cidr: %s
                  via: tgw
                  subnetId: %s
                  vpcId: %s
                  fileSystemIds: [%s]
                """.formatted(CLIENTS, CLIENT_CIDR, CLIENT_SUBNET, CLIENT_VPC, FILE_SYSTEM_ID));
    }

    @Test
    void shouldFollowTheClientsPathThroughTheNetworkAccountsTgwAndFailWhenTheWayBackIsMissing(@TempDir Path dir)
            throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            storage(aws.region(STORAGE, REGION));
            clients(aws.region(CLIENTS, REGION));
            network(aws.region(NETWORK, REGION), true);
            aws.allowRole(role(STORAGE), null).allowRole(role(CLIENTS), null).allowRole(role(NETWORK), null);
            CheckRun ready = CheckRun.of(dir.resolve("ready"), config(aws));
            assertThat(ready.exitCode()).as("%s", ready).isZero();
            assertThat(ready.out()).as("%s", ready).contains("app-b -> " + FLOATING_IP).contains(TGW_RTB)
                    .contains("mount " + FLOATING_IP + ", not the DNS name");

            network(aws.region(NETWORK, REGION), false);
            CheckRun broken = CheckRun.of(dir.resolve("broken"), config(aws));
            assertThat(broken.exitCode()).as("%s", broken).isEqualTo(1);
            assertThat(broken.out()).as("%s", broken)
                    .containsPattern("problem +ClientPath +fs-\\w+ +app-b \\(tgw\\) .* unreachable")
                    .contains(TGW_RTB + " (account " + NETWORK + ")");
        }
    }

    @Test
    void shouldExitTwoNamingTheAccountWhoseRoleIsDeniedAndNotCallItsPathReachable(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            storage(aws.region(STORAGE, REGION));
            clients(aws.region(CLIENTS, REGION));
            network(aws.region(NETWORK, REGION), true);
            aws.allowRole(role(STORAGE), null).allowRole(role(NETWORK), null).denyRole(role(CLIENTS));
            CheckRun run = CheckRun.of(dir, config(aws), "--format", "json");
            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
            assertThat(json.get("readErrors")).singleElement().satisfies(e -> {
                assertThat(e.get("account").asText()).isEqualTo(CLIENTS);
                assertThat(e.get("iamAction").asText()).isEqualTo("sts:AssumeRole");
                assertThat(e.get("fix").asText()).contains(role(CLIENTS));
            });
            json.get("items").forEach(i -> assertThat(i.get("verdict").asText()).as("nothing is reachable on a guess")
                    .isNotEqualTo("reachable"));
        }
    }
}
