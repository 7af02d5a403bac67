package io.floatwatch.app.check;

import static io.floatwatch.app.check.CheckEstate.CLIENTS;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimTgwRouteTable;
import io.floatwatch.testkit.aws.SimVpcPeering;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, point 1: {@code floatwatch check -c floatwatch.yaml} against the simulated AWS on the real wire
 * protocols, no Kafka. A ready estate passes; each problem class alone fails with the problem and its fix named.
 */
class CheckCommandIT {

    @Test
    void shouldExitZeroAndShowEveryPathWithItsHopsAndTheMountAdviceWhenTheEstateIsReady(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            CheckRun run = CheckRun.of(dir, CheckEstate.config(aws.accountId(), null, aws.endpoint(), CLIENTS));
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).as("%s", run).contains("READY").contains(FILE_SYSTEM_ID)
                    .contains("app-a -> " + FLOATING_IP).contains("app-tgw -> " + FLOATING_IP)
                    .contains("MOUNT THE IP, NOT THE DNS NAME")
                    .containsPattern("client app-tgw .*NXDOMAIN.* mount " + FLOATING_IP.replace(".", "\\.") + ", not the DNS name")
                    .doesNotContain("client app-a reaches")
                    .containsPattern("ok +app-a +same-vpc +1 of 1").containsPattern("ok +app-tgw +tgw +1 of 1");
            assertThat(run.out()).as("the calls made and their cost").contains("AWS CALLS MADE").contains("DescribeRouteTables")
                    .contains("DescribeFileSystems").contains("free").containsPattern("total: \\d+ requests, \\$0");
        }
    }

    private static CheckRun check(Path dir, AwsSimulator aws, String clients, String... args) throws Exception {
        return CheckRun.of(dir, CheckEstate.config(aws.accountId(), null, aws.endpoint(), clients), args);
    }

    @Test
    void shouldExitOneNamingTheTableAndTheFixWhenAManagedTableLacksTheFloatingRoute(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.deleteRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE);
            CheckRun run = check(dir, aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("NOT READY").contains("PROBLEM  FloatingRouteMissing")
                    .contains(ROUTE_TABLE_B_ID).contains("fix:  " + io.floatwatch.model.finding.FindingType.FLOATING_ROUTE_MISSING.runbook());
            assertThat(problemsFirst(run.out())).as("problems come first in the table").startsWith("problem");
        }
    }

    @Test
    void shouldExitOneWhenAManagedTableSendsTheFloatingIpToAnEniOfNoFileSystem(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, "eni-0bad00000000000b1");
            CheckRun run = check(dir, aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("PROBLEM  FloatingRouteBadTarget").contains("eni-0bad00000000000b1")
                    .contains(io.floatwatch.model.finding.FindingType.FLOATING_ROUTE_BAD_TARGET.runbook());
        }
    }

    @Test
    void shouldExitOneWhenADeclaredClientSubnetUsesATableFsxDoesNotManage(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.putSubnet(new SimSubnet("subnet-0d0000000000000d1", VPC_ID, "10.0.3.0/24", REGION + "a"));
            region.putRouteTable(SimRouteTable.of("rtb-0d0000000000000d1", VPC_ID, List.of("subnet-0d0000000000000d1"),
                    List.of(SimRoute.local(OpenZfsFailoverScenario.VPC_CIDR))));
            CheckRun run = check(dir, aws, CLIENTS + """
                    - name: app-d
                      cidr: 10.0.3.0/24
                      via: same-vpc
                      subnetId: subnet-0d0000000000000d1
                      vpcId: %s
                    """.formatted(VPC_ID));
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("PROBLEM  ClientSubnetNotCovered").contains("rtb-0d0000000000000d1")
                    .contains(io.floatwatch.model.finding.FindingType.CLIENT_SUBNET_NOT_COVERED.runbook())
                    .containsPattern("problem +ClientPath +fs-\\w+ +app-d \\(same-vpc\\) .* unreachable");
            assertThat(run.out()).as("the other clients still reach it").containsPattern("ok +ClientPath +fs-\\w+ +app-a");
            assertThat(run.out()).as("per declared client").containsPattern("problem +app-d +same-vpc +0 of 1")
                    .containsPattern("ok +app-a +same-vpc +1 of 1");
        }
    }

    @Test
    void shouldExitOneWhenTheEndpointRangeOverlapsASubnet(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.putSubnet(new SimSubnet("subnet-0e0000000000000e1", VPC_ID, "10.0.255.0/24", REGION + "c"));
            CheckRun run = check(dir, aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("PROBLEM  EndpointRangeOverlapsSubnet").contains("subnet-0e0000000000000e1")
                    .contains(io.floatwatch.model.finding.FindingType.ENDPOINT_RANGE_OVERLAPS_SUBNET.runbook());
        }
    }

    @Test
    void shouldExitOneWhenTheRangeIsOutsideTheVpcAndTheTgwHasNoStaticRouteForItAndZeroOnceItHas(@TempDir Path dir)
            throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            String outside = "198.19.255.231";
            region.putFileSystem(SimFileSystem.openZfsMultiAz(FILE_SYSTEM_ID, VPC_ID, List.of(PREFERRED_SUBNET_ID, STANDBY_SUBNET_ID),
                    List.of(PREFERRED_ENI_ID, STANDBY_ENI_ID), "198.19.255.224/28", outside, OpenZfsFailoverScenario.routeTableIds(), 160));
            CheckEstate.managedTables(region, outside + "/32", PREFERRED_ENI_ID);
            region.putRouteTable(SimRouteTable.of(CheckEstate.CLIENT_RTB, CheckEstate.CLIENT_VPC, List.of(CheckEstate.CLIENT_SUBNET),
                    List.of(SimRoute.local(CheckEstate.CLIENT_CIDR), SimRoute.to("10.0.0.0/8", CheckEstate.TGW),
                            SimRoute.to("198.19.0.0/16", CheckEstate.TGW))));
            CheckRun run = check(dir.resolve("before"), aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("WARNING  EndpointRangeOutsideVpc")
                    .containsPattern("problem +ClientPath +fs-\\w+ +app-tgw \\(tgw\\) +198\\.19\\.255\\.231 .* unreachable")
                    .contains(CheckEstate.TGW_RTB);

            SimTgwRouteTable table = region.tgwRouteTable(CheckEstate.TGW_RTB);
            region.putTgwRouteTable(table.withRoute(SimTgwRouteTable.Route.staticTo("198.19.255.224/28", CheckEstate.ATTACH_FS)));
            CheckRun fixed = check(dir.resolve("after"), aws, CLIENTS);
            assertThat(fixed.exitCode()).as("with the static TGW route the range outside the VPC only warns: %s", fixed).isZero();
            assertThat(fixed.out()).contains("WARNING  EndpointRangeOutsideVpc").contains("mount " + outside + ", not the DNS name");
        }
    }

    @Test
    void shouldExitOneWhenAClientReachesTheFloatingIpOverVpcPeering(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            String pcx = "pcx-0c4ec0000000000e1";
            region.putVpcPeering(new SimVpcPeering(pcx, "active",
                    new SimVpcPeering.Side(aws.accountId(), REGION, "vpc-0feedc0ffee0000e1", List.of("10.2.0.0/16")),
                    new SimVpcPeering.Side(aws.accountId(), REGION, VPC_ID, List.of(OpenZfsFailoverScenario.VPC_CIDR))));
            CheckRun run = check(dir, aws, CLIENTS + """
                    - name: peer-app
                      cidr: 10.2.0.0/16
                      via: peering
                      vpcId: vpc-0feedc0ffee0000e1
                    """);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run)
                    .containsPattern("problem +ClientPath +fs-\\w+ +peer-app \\(peering\\) +10\\.0\\.255\\.231 .* unsupported")
                    .contains(io.floatwatch.model.finding.FindingType.CLIENT_PATH_UNSUPPORTED.runbook())
                    .as("no advice to mount an address the path cannot reach").doesNotContain("client peer-app reaches");
        }
    }

    @Test
    void shouldExitOneWhenAClientReachesTheFloatingIpOverAVpnOnAVirtualPrivateGateway(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.putVpnGateway(new io.floatwatch.testkit.aws.SimVpnGateway("vgw-0c4ec0000000000f1", "available", 64512,
                    List.of(VPC_ID)));
            CheckRun run = check(dir, aws, CLIENTS + """
                    - name: onprem-vgw
                      cidr: 192.168.0.0/16
                      via: vpn-vgw
                    """);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run)
                    .containsPattern("problem +ClientPath +fs-\\w+ +onprem-vgw \\(vpn-vgw\\) +10\\.0\\.255\\.231 .* unsupported");
        }
    }

    @Test
    void shouldExitOneNamingTheGroupThePortAndTheFixWhenASecurityGroupStopsAClientsNfs(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            // The file system's group lets app-a's subnet mount over NFS, but nobody authorized the TGW client's CIDR.
            String group = "sg-0c4ec000000000f50";
            region.putSecurityGroup(io.floatwatch.testkit.aws.SimSecurityGroup.created(group, VPC_ID, "fsx-nfs"));
            int rule = 0;
            for (int[] ports : new int[][] {{2049, 2049}, {111, 111}, {20001, 20003}}) {
                region.authorizeRule(group, io.floatwatch.testkit.aws.SimSecurityGroupRule.inbound(
                        "sgr-0c4ec00000000000" + rule++, "tcp", ports[0], ports[1], "10.0.1.0/24"));
            }
            for (io.floatwatch.testkit.aws.SimNetworkInterface eni : region.networkInterfaces()) {
                region.putNetworkInterface(eni.withSecurityGroups(List.of(group)));
            }
            CheckRun run = check(dir, aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).contains("NOT READY").contains("PROBLEM  EndpointPortBlocked")
                    .contains("app-tgw").contains(group).contains("tcp/2049")
                    .contains("authorize inbound tcp 2049 from " + CheckEstate.CLIENT_CIDR);
            assertThat(run.out()).as("app-a's ports are allowed: no port problem of its own")
                    .doesNotContainPattern("EndpointPortBlocked[^\n]*app-a\b");
        }
    }

    @Test
    void shouldShowAPathItCannotProveAsUnverifiedAndExitOneNotReady(@TempDir Path dir) throws Exception {
        // Without its subnetId, the client's own route to the TGW is a hop floatwatch cannot read.
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            CheckRun run = check(dir, aws, CLIENTS + """
                    - name: app-unseen
                      cidr: %s
                      via: tgw
                      vpcId: %s
                    """.formatted(CheckEstate.CLIENT_CIDR, CheckEstate.CLIENT_VPC));
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).as("%s", run).containsPattern("unverified +ClientPath +fs-\\w+ +app-unseen \\(tgw\\)")
                    .contains("UNVERIFIED  ClientPath").doesNotContain("app-unseen -> 10.0.255.231")
                    .contains(io.floatwatch.model.finding.FindingType.CLIENT_PATH_UNVERIFIED.runbook());
        }
    }

    @Test
    void shouldExitTwoNamingTheAccountAndTheActionWhenTheRoleCannotBeAssumed(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            String role = "arn:aws:iam::" + aws.accountId() + ":role/floatwatch-read";
            aws.denyRole(role);
            CheckRun run = CheckRun.of(dir, CheckEstate.config(aws.accountId(), role, aws.endpoint(), CLIENTS));
            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.out()).as("%s", run).contains("CANNOT TELL").contains("access denied: account " + aws.accountId())
                    .contains("sts:AssumeRole").contains(role).doesNotContain("READY (");
        }
    }

    @Test
    void shouldExitTwoNamingTheCallAndTheIamActionWhenAwsDeniesARequiredCall(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            aws.failNext("DescribeSubnets", 403, "UnauthorizedOperation", 10);
            CheckRun run = check(dir, aws, CLIENTS);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.out()).as("%s", run).contains("access denied: account " + aws.accountId())
                    .contains("DescribeSubnets (ec2:DescribeSubnets)").contains("grant ec2:DescribeSubnets");
        }
    }

    @Test
    void shouldExitTwoNamingTheFieldWhenTheConfigIsBad(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckRun run = check(dir, aws, """
                    - name: app-x
                      cidr: 10.0.1.0/24
                      via: carrier-pigeon
                    """);
            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.err()).as("%s", run).contains("clients[0].via").contains("carrier-pigeon")
                    .as("a check needs no kafka section").doesNotContain("kafka");
            assertThat(aws.requests()).as("nothing is polled with a bad config").isEmpty();
        }
    }

    @Test
    void shouldWriteJsonThatJacksonReadsWithProblemsFirstHopsAndCalls(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.deleteRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE);
            CheckRun run = check(dir, aws, CLIENTS, "--format", "json");
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("exitCode").asInt()).isEqualTo(1);
            assertThat(json.get("verdict").asText()).isEqualTo("not ready");
            JsonNode first = json.get("items").get(0);
            assertThat(first.get("level").asText()).isEqualTo("problem");
            assertThat(first.get("check").asText()).isEqualTo("FloatingRouteMissing");
            assertThat(first.get("fix").asText()).isNotBlank();
            List<JsonNode> paths = new ArrayList<>();
            json.get("items").forEach(i -> {
                if (i.get("check").asText().equals("ClientPath")) {
                    paths.add(i);
                }
            });
            assertThat(paths).isNotEmpty().allSatisfy(p -> assertThat(p.get("hops").size()).isPositive());
            assertThat(json.get("advice").get(0).get("mount").get(0).asText()).isEqualTo(FLOATING_IP);
            assertThat(json.get("clients")).extracting(c -> c.get("client").asText() + " " + c.get("level").asText())
                    .containsExactly("app-a ok", "app-tgw ok");
            assertThat(json.get("calls").size()).isPositive();
            assertThat(json.get("calls").get(0).get("requests").asLong()).isPositive();
            assertThat(json.get("costUsd").decimalValue()).isNotNull();
            List<String> polled = new ArrayList<>();
            json.get("polls").forEach(p -> polled.add(p.get("source").asText()));
            assertThat(polled).as("one poll of every source in the collector's registry, in its order")
                    .containsExactlyElementsOf(io.floatwatch.collector.SourceRegistry.names());
        }
    }

    @Test
    void shouldWriteJunitXmlThatTheJdkParserReadsWithAFailurePerProblem(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            CheckEstate.install(region);
            region.deleteRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE);
            CheckRun run = check(dir, aws, CLIENTS, "--format", "junit");
            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
            Element root = xml.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("testsuites");
            NodeList cases = root.getElementsByTagName("testcase");
            NodeList failures = root.getElementsByTagName("failure");
            assertThat(Integer.parseInt(root.getAttribute("tests"))).isEqualTo(cases.getLength()).isGreaterThanOrEqualTo(3);
            assertThat(Integer.parseInt(root.getAttribute("failures"))).isEqualTo(failures.getLength()).isEqualTo(1);
            Element failure = (Element) failures.item(0);
            assertThat(((Element) failure.getParentNode()).getAttribute("name")).startsWith("FloatingRouteMissing");
            assertThat(failure.getAttribute("message")).contains(ROUTE_TABLE_B_ID);
            assertThat(failure.getTextContent()).contains("fix: ");
            assertThat(((Element) root.getElementsByTagName("testsuite").item(0)).getAttribute("name")).isEqualTo(FILE_SYSTEM_ID);
        }
    }

    @Test
    void shouldWriteJunitXmlWithoutFailuresForAReadyEstate(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            CheckRun run = check(dir, aws, CLIENTS, "--format", "junit");
            assertThat(run.exitCode()).as("%s", run).isZero();
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
            assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
            assertThat(xml.getElementsByTagName("testcase").getLength()).as("the rules and one case per path").isEqualTo(3);
        }
    }

    /** The status column of the checks table's first row. */
    private static String problemsFirst(String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("  STATUS   CHECK")) {
                return lines[i + 1].trim();
            }
        }
        return "";
    }
}
