package io.floatwatch.app.verdicts;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimNetworkAcl;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimSecurityGroup;
import io.floatwatch.testkit.aws.SimSecurityGroupRule;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, point 3, as an operator runs it ({@code floatwatch all -c floatwatch.yaml}, the simulated AWS on the
 * real wire protocols, a real Kafka broker): the OpenZFS file system's ENIs in a security group that admits the
 * declared client on every NFS port, both subnets under a network ACL that allows everything. Someone revokes the
 * NFS rule: one page naming the client, the floating IP, tcp/2049, the layer and the group; the rule is
 * authorized again: it resolves. Then a deny entry inserted ahead of the ACL's allow: one page naming the ACL and
 * the entry; the entry deleted: it resolves.
 */
class FirewallVerdictIT {

    private static final String GROUP = "sg-0f5a0000000000001";
    private static final String ACL = "acl-0f5a0000000000001";
    private static final String CLIENT_CIDR = "10.0.1.0/24";
    private static final SimSecurityGroupRule NFS = SimSecurityGroupRule.inboundTcp("sgr-0f5a00000000002049", 2049, CLIENT_CIDR);

    private static void install(SimulatedRegion region) {
        OpenZfsFailoverScenario.installBaseline(region);
        region.putSecurityGroup(SimSecurityGroup.created(GROUP, VPC_ID, "fsx-nfs"));
        region.authorizeRule(GROUP, NFS);
        region.authorizeRule(GROUP, SimSecurityGroupRule.inboundTcp("sgr-0f5a00000000000111", 111, CLIENT_CIDR));
        region.authorizeRule(GROUP, SimSecurityGroupRule.inbound("sgr-0f5a00000000020001", "tcp", 20001, 20003, CLIENT_CIDR));
        for (SimNetworkInterface eni : region.networkInterfaces()) {
            region.putNetworkInterface(eni.withSecurityGroups(List.of(GROUP)));
        }
        region.putNetworkAcl(SimNetworkAcl.allowingAll(ACL, VPC_ID, List.of(PREFERRED_SUBNET_ID, STANDBY_SUBNET_ID)));
    }

    private static long pages(RunningFloatwatch floatwatch, String status) throws Exception {
        return floatwatch.notifications().stream().filter(l -> l.contains(status + " ") && l.contains("EndpointPortBlocked")).count();
    }

    /**
     * Waits until {@code n} notifications of that status were logged: the alerter exports the metric and sends the
     * notification from the same record, but the log line may land a moment after the scrape that saw the metric.
     */
    private static void awaitPages(RunningFloatwatch floatwatch, String status, long n) throws Exception {
        for (int i = 0; i < 120 && pages(floatwatch, status) < n; i++) {
            Thread.sleep(500);
        }
        assertThat(pages(floatwatch, status)).as("%s pages; notifications:%n%s", status, String.join("\n", floatwatch.notifications()))
                .isEqualTo(n);
    }

    @Test
    void shouldPageOnceWhenTheNfsRuleIsRevokedOrAnAclEntryDeniesAndResolveWhenTheRuleIsBack(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(REGION);
            install(region);
            String config = FloatwatchYaml.of(broker.bootstrapServers(), aws.endpoint())
                    .account(aws.accountId(), REGION)
                    .everySecond("ec2.security-groups", "ec2.network-acls", "ec2.vpcs", "ec2.subnets")
                    .clients("""
                            - name: app
                              cidr: %s
                              via: same-vpc
                              subnetId: %s
                              vpcId: %s
                            """.formatted(CLIENT_CIDR, PREFERRED_SUBNET_ID, VPC_ID))
                    .render();
            try (RunningFloatwatch floatwatch = RunningFloatwatch.start(dir, config)) {
                floatwatch.awaitMetrics(m -> m.contains("role=\"preferred\"} 1.0") && m.contains("source=\"ec2.network-acls\"")
                        && m.contains("source=\"ec2.security-groups\""));
                Thread.sleep(5_000);
                String healthy = floatwatch.awaitMetrics(m -> true);
                assertThat(RunningFloatwatch.active(healthy, "endpoint_port_blocked", "app", null)).isZero();
                assertThat(RunningFloatwatch.active(healthy, "endpoint_port_unverified", "app", null)).isZero();
                assertThat(floatwatch.notifications()).as("a healthy estate pages nothing").noneMatch(l -> l.contains("EndpointPort")
                        || l.contains("ClientPath"));

                region.revokeRule(GROUP, NFS.ruleId());
                String blocked = floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "endpoint_port_blocked", "app", FLOATING_IP) == 1);
                assertThat(blocked).containsPattern("floatwatch_findings_active\\{[^}]*client=\"app\",endpoint_ip=\"10\\.0\\.255\\.231\","
                        + "endpoint_kind=\"nfs\"[^}]*type=\"endpoint_port_blocked\"");
                awaitPages(floatwatch, "FIRING", 1);
                assertThat(floatwatch.notifications()).filteredOn(l -> l.contains("FIRING ") && l.contains("EndpointPortBlocked"))
                        .singleElement().asString().contains("client app").contains(FLOATING_IP).contains("tcp/2049")
                        .contains("security_group " + GROUP).contains("authorize inbound tcp 2049 from " + CLIENT_CIDR);

                region.authorizeRule(GROUP, NFS);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "endpoint_port_blocked", "app", null) == 0);
                awaitPages(floatwatch, "RESOLVED", 1);
                assertThat(pages(floatwatch, "FIRING")).as("no second page while it was open").isEqualTo(1);

                region.createNetworkAclEntry(ACL, SimNetworkAcl.Entry.ingress(90, "6", 2049, 2049, "10.0.0.0/16", false));
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "endpoint_port_blocked", "app", FLOATING_IP) == 1);
                awaitPages(floatwatch, "FIRING", 2);
                assertThat(floatwatch.notifications()).filteredOn(l -> l.contains("FIRING ") && l.contains("EndpointPortBlocked"))
                        .hasSize(2).last().asString().contains("network_acl " + ACL).contains("rule 90").contains("tcp/2049");

                region.deleteNetworkAclEntry(ACL, 90, false);
                floatwatch.awaitMetrics(m -> RunningFloatwatch.active(m, "endpoint_port_blocked", "app", null) == 0);
                awaitPages(floatwatch, "RESOLVED", 2);
                assertThat(pages(floatwatch, "UPDATED")).isZero();
            }
        }
    }
}
