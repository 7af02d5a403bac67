package io.floatwatch.collector.firewall;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.Estate;
import io.floatwatch.collector.RecordingSink;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.SecurityGroupObservation;
import io.floatwatch.testkit.aws.SimNetworkAcl;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimSecurityGroup;
import io.floatwatch.testkit.aws.SimSecurityGroupRule;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The security-group and network-ACL sources through the real SDK client against the simulator. */
class FirewallSourcesTest {

    private Estate estate;

    @AfterEach
    void stop() {
        estate.close();
    }

    private List<RecordingSink.Sent> poll() {
        assertThat(estate.poll()).allSatisfy(r -> assertThat(r.ok()).as(r.source() + ": " + r.error()).isTrue());
        return estate.sink.drain();
    }

    private static <T> List<T> of(List<RecordingSink.Sent> sent, Class<T> type) {
        return sent.stream().filter(s -> type.isInstance(s.value())).map(s -> type.cast(s.value())).toList();
    }

    @Test
    void shouldPublishGroupsWithEveryRuleAclsInRuleOrderAndTheGroupsOfFsxEnisWhenPagedByOne() {
        estate = new Estate(s -> s, TOKYO);
        SimulatedRegion region = estate.simulator.region(TOKYO.region());
        region.putSecurityGroup(SimSecurityGroup.created("sg-fsx", OpenZfsFailoverScenario.VPC_ID, "fsx"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inboundTcp("sgr-nfs", 2049, "10.1.0.0/16"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inbound("sgr-any", "-1", 0, 0, "sg-clients"));
        region.putSecurityGroup(SimSecurityGroup.created("sg-clients", OpenZfsFailoverScenario.VPC_ID, "clients"));
        region.putNetworkAcl(SimNetworkAcl.allowingAll("acl-1", OpenZfsFailoverScenario.VPC_ID,
                List.of(OpenZfsFailoverScenario.PREFERRED_SUBNET_ID)));
        region.createNetworkAclEntry("acl-1", SimNetworkAcl.Entry.ingress(90, "6", 2049, 2049, "10.1.0.0/16", false));
        SimNetworkInterface eni = region.networkInterfaces().stream()
                .filter(n -> n.networkInterfaceId().equals(OpenZfsFailoverScenario.PREFERRED_ENI_ID)).findFirst().orElseThrow();
        region.putNetworkInterface(eni.withSecurityGroups(List.of("sg-fsx")));
        estate.simulator.pageSize(1);

        List<RecordingSink.Sent> sent = poll();

        assertThat(of(sent, SecurityGroupObservation.class)).hasSize(2);
        SecurityGroupObservation fsx = of(sent, SecurityGroupObservation.class).stream()
                .filter(g -> g.groupId().equals("sg-fsx")).findFirst().orElseThrow();
        assertThat(fsx.vpcId()).isEqualTo(OpenZfsFailoverScenario.VPC_ID);
        assertThat(fsx.rules()).containsExactly(
                new SecurityGroupObservation.Rule("sgr-any", false, "-1", null, null, null, null, "sg-clients", null),
                new SecurityGroupObservation.Rule("sgr-efsx", true, "-1", null, null, "0.0.0.0/0", null, null, null),
                new SecurityGroupObservation.Rule("sgr-nfs", false, "tcp", 2049, 2049, "10.1.0.0/16", null, null, null));
        NetworkAclObservation acl = of(sent, NetworkAclObservation.class).get(0);
        assertThat(acl.subnetIds()).containsExactly(OpenZfsFailoverScenario.PREFERRED_SUBNET_ID);
        assertThat(acl.entries()).filteredOn(e -> !e.egress()).containsExactly(
                new NetworkAclObservation.Entry(90, false, "6", 2049, 2049, "10.1.0.0/16", false),
                new NetworkAclObservation.Entry(100, false, "-1", null, null, "0.0.0.0/0", true),
                new NetworkAclObservation.Entry(32767, false, "-1", null, null, "0.0.0.0/0", false));
        assertThat(of(sent, NetworkInterfaceObservation.class)).filteredOn(n -> n.networkInterfaceId().equals(eni.networkInterfaceId()))
                .singleElement().satisfies(n -> assertThat(n.securityGroupIds()).containsExactly("sg-fsx"));
        assertThat(estate.simulator.requestCount(SecurityGroupSource.DESCRIBE_RULES)).isGreaterThan(1);
    }

    @Test
    void shouldPublishTheGroupAgainWithoutTheRuleWhenARuleIsRevoked() {
        estate = new Estate(s -> s, TOKYO);
        SimulatedRegion region = estate.simulator.region(TOKYO.region());
        region.putSecurityGroup(SimSecurityGroup.created("sg-fsx", OpenZfsFailoverScenario.VPC_ID, "fsx"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inboundTcp("sgr-nfs", 2049, "10.1.0.0/16"));
        poll();

        region.revokeRule("sg-fsx", "sgr-nfs");
        List<RecordingSink.Sent> sent = poll();

        assertThat(of(sent, SecurityGroupObservation.class)).singleElement()
                .satisfies(g -> assertThat(g.rules()).extracting(SecurityGroupObservation.Rule::ruleId).containsExactly("sgr-efsx"));
    }
}
