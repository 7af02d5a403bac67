package io.floatwatch.app.check;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_CIDR;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;

import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimTgwAttachment;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimTransitGateway;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A ready estate in one account and region for {@code floatwatch check}: docs/domain.md section 1's OpenZFS file system,
 * a client in its preferred subnet, and a client in another VPC behind a Transit Gateway with routes both ways.
 * Each test then breaks one thing.
 */
final class CheckEstate {

    static final String TGW = "tgw-0c4ec0000000000a1";
    static final String TGW_RTB = "tgw-rtb-0c4ec00000000a1";
    static final String ATTACH_FS = "tgw-attach-0c4ec000000f1";
    static final String ATTACH_CLIENTS = "tgw-attach-0c4ec000000c1";
    static final String CLIENT_VPC = "vpc-0c4ec0000000000c1";
    static final String CLIENT_SUBNET = "subnet-0c4ec00000000c1";
    static final String CLIENT_RTB = "rtb-0c4ec0000000000c1";
    static final String CLIENT_CIDR = "10.1.0.0/16";

    private CheckEstate() {
    }

    static void install(SimulatedRegion region) {
        OpenZfsFailoverScenario.installBaseline(region);
        managedTables(region, FLOATING_ROUTE, PREFERRED_ENI_ID);
        region.putTransitGateway(new SimTransitGateway(TGW, "available", 64512, TGW_RTB, TGW_RTB));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_FS, TGW, "vpc", VPC_ID, "available", TGW_RTB));
        region.putTgwAttachment(new SimTgwAttachment(ATTACH_CLIENTS, TGW, "vpc", CLIENT_VPC, "available", TGW_RTB));
        region.putTgwRouteTable(new SimTgwRouteTable(TGW_RTB, TGW, List.of(ATTACH_FS, ATTACH_CLIENTS), List.of(
                new SimTgwRouteTable.Route(VPC_CIDR, "propagated", "active", List.of(ATTACH_FS)),
                new SimTgwRouteTable.Route(CLIENT_CIDR, "propagated", "active", List.of(ATTACH_CLIENTS)))));
        region.putVpc(CLIENT_VPC, CLIENT_CIDR);
        region.putSubnet(new SimSubnet(CLIENT_SUBNET, CLIENT_VPC, "10.1.1.0/24", REGION + "a"));
        region.putRouteTable(SimRouteTable.of(CLIENT_RTB, CLIENT_VPC, List.of(CLIENT_SUBNET),
                List.of(SimRoute.local(CLIENT_CIDR), SimRoute.to("10.0.0.0/8", TGW))));
    }

    /** Both tables FSx manages: the local route, {@code floating} to {@code eni}, and the way back to the TGW client. */
    static void managedTables(SimulatedRegion region, String floating, String eni) {
        for (String[] t : new String[][] {{ROUTE_TABLE_A_ID, PREFERRED_SUBNET_ID}, {ROUTE_TABLE_B_ID, STANDBY_SUBNET_ID}}) {
            List<SimRoute> routes = new ArrayList<>(List.of(SimRoute.local(VPC_CIDR), SimRoute.to(CLIENT_CIDR, TGW)));
            if (floating != null) {
                routes.add(SimRoute.to(floating, eni));
            }
            // FSx tags the tables it manages; a table without the tag is one it cannot rewrite at failover.
            region.putRouteTable(SimRouteTable.of(t[0], VPC_ID, List.of(t[1]), routes)
                    .withTags(java.util.Map.of("AmazonFSx", "ManagedByAmazonFSx")));
        }
    }

    /** The clients of the ready estate: one in the preferred subnet, one behind the TGW. */
    static final String CLIENTS = """
            - name: app-a
              cidr: 10.0.1.0/24
              via: same-vpc
              subnetId: %s
              vpcId: %s
            - name: app-tgw
              cidr: %s
              via: tgw
              subnetId: %s
              vpcId: %s
            """.formatted(PREFERRED_SUBNET_ID, VPC_ID, CLIENT_CIDR, CLIENT_SUBNET, CLIENT_VPC);

    /**
     * A floatwatch.yaml as an operator writes it for a check, with no kafka section (a check needs none): the
     * account (with {@code roleArn} when not null), every
     * AWS service on the simulator, the whole EC2 share, and {@code clients} at column 0.
     */
    static String config(String account, String roleArn, URI aws, String clients) {
        java.util.Map<String, String> accounts = new java.util.LinkedHashMap<>();
        accounts.put(account, roleArn);
        return config(accounts, aws, clients);
    }

    /** As above with several accounts of the region, each with its role (null: the base credentials' own). */
    static String config(java.util.Map<String, String> accounts, URI aws, String clients) {
        StringBuilder y = new StringBuilder();
        y.append("aws:\n  accounts:\n");
        accounts.forEach((account, roleArn) -> {
            y.append("    - id: \"").append(account).append("\"\n      regions: [").append(REGION).append("]\n");
            if (roleArn != null) {
                y.append("      roleArn: ").append(roleArn).append('\n');
            }
        });
        y.append("  endpoints:\n");
        for (String service : List.of("ec2", "fsx", "cloudwatch", "sts")) {
            y.append("    ").append(service).append(": {\"*\": \"").append(aws).append("\"}\n");
        }
        y.append("collector:\n  ec2CallsPerSecond: 20\n  ec2Burst: 100\n");
        if (!clients.isEmpty()) {
            y.append("clients:\n").append(clients.indent(2));
        }
        return y.toString();
    }
}
