package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** The security-group and network-ACL operations, read by the real SDK client. */
class Ec2FirewallSimulatorTest {

    private static final String REGION = "ap-northeast-1";
    private static AwsSimulator simulator;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start();
        ec2 = SdkClients.ec2(simulator, REGION);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.resetFaultsAndCounts();
        simulator.pageSize(AwsSimulator.DEFAULT_PAGE_SIZE);
        SimulatedRegion region = simulator.region(REGION);
        region.clear();
        region.putSecurityGroup(SimSecurityGroup.created("sg-fsx", "vpc-1", "fsx"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inboundTcp("sgr-nfs", 2049, "10.1.0.0/16"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inbound("sgr-all", "-1", 0, 0, "sg-clients"));
        region.authorizeRule("sg-fsx", SimSecurityGroupRule.inbound("sgr-pl", "tcp", 20001, 20003, "pl-0abc"));
        region.putSecurityGroup(SimSecurityGroup.created("sg-clients", "vpc-1", "clients"));
    }

    @Test
    void shouldReturnGroupsWithTheirPermissionsFoldedByProtocolAndPortsWhenDescribed() {
        SecurityGroup fsx = ec2.describeSecurityGroups(r -> r.groupIds("sg-fsx")).securityGroups().get(0);

        assertThat(fsx.vpcId()).isEqualTo("vpc-1");
        assertThat(fsx.description()).isEqualTo("fsx");
        assertThat(fsx.ipPermissions()).hasSize(3);
        IpPermission nfs = fsx.ipPermissions().get(0);
        assertThat(nfs.ipProtocol()).isEqualTo("tcp");
        assertThat(nfs.fromPort()).isEqualTo(2049);
        assertThat(nfs.ipRanges()).singleElement().satisfies(range -> assertThat(range.cidrIp()).isEqualTo("10.1.0.0/16"));
        IpPermission all = fsx.ipPermissions().get(1);
        assertThat(all.ipProtocol()).isEqualTo("-1");
        assertThat(all.fromPort()).isNull();
        assertThat(all.userIdGroupPairs()).singleElement().satisfies(pair -> assertThat(pair.groupId()).isEqualTo("sg-clients"));
        assertThat(fsx.ipPermissions().get(2).prefixListIds().get(0).prefixListId()).isEqualTo("pl-0abc");
        assertThat(fsx.ipPermissionsEgress()).singleElement().satisfies(e -> assertThat(e.ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0"));
    }

    @Test
    void shouldReturnOneRulePerPeerAcrossPagesWhenRulesAreDescribed() {
        simulator.pageSize(2);

        List<SecurityGroupRule> rules = ec2.describeSecurityGroupRulesPaginator(r -> r.filters(
                Filter.builder().name("group-id").values("sg-fsx").build())).securityGroupRules().stream().toList();

        assertThat(rules).extracting(SecurityGroupRule::securityGroupRuleId).containsExactly("sgr-all", "sgr-efsx", "sgr-nfs", "sgr-pl");
        SecurityGroupRule byGroup = rules.get(0);
        assertThat(byGroup.isEgress()).isFalse();
        assertThat(byGroup.referencedGroupInfo().groupId()).isEqualTo("sg-clients");
        assertThat(byGroup.fromPort()).isEqualTo(-1);
        assertThat(rules.get(1).isEgress()).isTrue();
        assertThat(rules.get(2).cidrIpv4()).isEqualTo("10.1.0.0/16");
        assertThat(rules.get(2).groupId()).isEqualTo("sg-fsx");
        assertThat(rules.get(3).prefixListId()).isEqualTo("pl-0abc");
    }

    @Test
    void shouldNoLongerListARuleWhenItIsRevoked() {
        simulator.region(REGION).revokeRule("sg-fsx", "sgr-nfs");

        assertThat(ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values("sg-fsx").build()))
                .securityGroupRules()).extracting(SecurityGroupRule::securityGroupRuleId).doesNotContain("sgr-nfs");
    }

    @Test
    void shouldRefuseGroupNamesOutsideTheDefaultVpcAsEc2Does() {
        assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.groupNames("fsx")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("VPCIdNotSpecified"));
    }

    @Test
    void shouldReturnAclEntriesInRuleOrderWithNumericProtocolsAndAssociationsWhenDescribed() {
        SimulatedRegion region = simulator.region(REGION);
        region.putNetworkAcl(SimNetworkAcl.allowingAll("acl-1", "vpc-1", List.of("subnet-a", "subnet-b")));
        region.createNetworkAclEntry("acl-1", SimNetworkAcl.Entry.ingress(90, "6", 2049, 2049, "10.1.0.0/16", false));

        NetworkAcl acl = ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id").values("subnet-b").build()))
                .networkAcls().get(0);

        assertThat(acl.isDefault()).isTrue();
        assertThat(acl.associations()).extracting(a -> a.subnetId()).containsExactly("subnet-a", "subnet-b");
        List<NetworkAclEntry> ingress = acl.entries().stream().filter(e -> !e.egress()).toList();
        assertThat(ingress).extracting(NetworkAclEntry::ruleNumber).containsExactly(90, 100, 32767);
        assertThat(ingress.get(0).protocol()).isEqualTo("6");
        assertThat(ingress.get(0).ruleAction()).isEqualTo(RuleAction.DENY);
        assertThat(ingress.get(0).portRange().from()).isEqualTo(2049);
        assertThat(ingress.get(1).portRange()).isNull();
        assertThat(ingress.get(2).cidrBlock()).isEqualTo("0.0.0.0/0");

        region.deleteNetworkAclEntry("acl-1", 90, false);
        assertThat(ec2.describeNetworkAcls(r -> r.networkAclIds("acl-1")).networkAcls().get(0).entries()).hasSize(4);
    }

    @Test
    void shouldCarryTheSecurityGroupsOfAnEniWhenInterfacesAreDescribed() {
        simulator.region(REGION).putNetworkInterface(new SimNetworkInterface("eni-1", "subnet-a", "vpc-1", "ap-northeast-1a", null,
                "ENI for FSx fs-1", List.of("10.0.1.10")).withSecurityGroups(List.of("sg-fsx")));

        assertThat(ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-1")).networkInterfaces().get(0).groups())
                .extracting(g -> g.groupId()).containsExactly("sg-fsx");
    }
}
