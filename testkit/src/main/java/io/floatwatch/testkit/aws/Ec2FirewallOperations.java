package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * DescribeSecurityGroups, DescribeSecurityGroupRules and DescribeNetworkAcls over a {@link SimulatedRegion}, in
 * their wire shapes: groups as {@code securityGroupInfo} with rules folded into {@code ipPermissions} per
 * protocol and port range, rules as {@code securityGroupRuleSet} one per peer with {@code isEgress}, ACLs as
 * {@code networkAclSet} with {@code default}, numeric protocols and {@code portRange} only for TCP and UDP.
 */
final class Ec2FirewallOperations {

    private static final Map<String, Function<SimSecurityGroup, List<String>>> GROUP_FILTERS = Map.of(
            "group-id", g -> List.of(g.groupId()),
            "group-name", g -> Ec2Operations.single(g.groupName()),
            "vpc-id", g -> Ec2Operations.single(g.vpcId()));

    private static final Map<String, Function<Owned, List<String>>> RULE_FILTERS = Map.of(
            "group-id", r -> List.of(r.groupId()),
            "security-group-rule-id", r -> List.of(r.rule().ruleId()));

    private static final Map<String, Function<SimNetworkAcl, List<String>>> ACL_FILTERS = Map.of(
            "network-acl-id", a -> List.of(a.networkAclId()),
            "vpc-id", a -> Ec2Operations.single(a.vpcId()),
            "default", a -> List.of(String.valueOf(a.isDefault())),
            "association.subnet-id", SimNetworkAcl::subnetIds);

    /** A rule with the group it belongs to. */
    private record Owned(String groupId, SimSecurityGroupRule rule) {
    }

    String describeSecurityGroups(SimulatedRegion region, Ec2Protocol.Query query) {
        if (!query.list("GroupName").isEmpty()) {
            // Outside the default VPC (the simulator has none), EC2 refuses names: callers filter on group-name.
            throw new SimulatedError(400, "VPCIdNotSpecified", "No default VPC for this user");
        }
        List<SimSecurityGroup> groups = region.securityGroups();
        List<String> ids = query.list("GroupId");
        if (!ids.isEmpty()) {
            groups = Ec2Operations.byIds(groups, SimSecurityGroup::groupId, ids, "InvalidGroup.NotFound", "security group");
        }
        groups = Ec2Protocol.filter(groups, query.filters(), GROUP_FILTERS);
        Pages.Page<SimSecurityGroup> page = Pages.page(groups, SimSecurityGroup::groupId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeSecurityGroupsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("securityGroupInfo");
        for (SimSecurityGroup g : page.items()) {
            xml.open("item")
                    .leaf("ownerId", region.accountId())
                    .leaf("groupId", g.groupId())
                    .leaf("groupName", g.groupName())
                    .leaf("groupDescription", g.groupName())
                    .leaf("vpcId", g.vpcId());
            permissions(xml, "ipPermissions", g, false, region.accountId());
            permissions(xml, "ipPermissionsEgress", g, true, region.accountId());
            xml.open("tagSet").close("tagSet")
                    .leaf("securityGroupArn", "arn:aws:ec2:" + region.name() + ":" + region.accountId() + ":security-group/" + g.groupId())
                    .close("item");
        }
        return xml.close("securityGroupInfo").leaf("nextToken", page.nextToken())
                .close("DescribeSecurityGroupsResponse").toString();
    }

    /** Rules of one direction folded into one IpPermission per protocol and port range, as EC2 answers. */
    private static void permissions(XmlWriter xml, String element, SimSecurityGroup g, boolean egress, String accountId) {
        Map<String, List<SimSecurityGroupRule>> byRange = new LinkedHashMap<>();
        for (SimSecurityGroupRule r : g.rules()) {
            if (r.egress() == egress) {
                byRange.computeIfAbsent(r.protocol() + " " + r.fromPort() + " " + r.toPort(), k -> new ArrayList<>()).add(r);
            }
        }
        xml.open(element);
        for (List<SimSecurityGroupRule> rules : byRange.values()) {
            SimSecurityGroupRule first = rules.get(0);
            xml.open("item").leaf("ipProtocol", first.protocol());
            if (!"-1".equals(first.protocol())) {
                xml.leaf("fromPort", first.fromPort()).leaf("toPort", first.toPort());
            }
            xml.open("groups");
            rules.stream().filter(SimSecurityGroupRule::referencesGroup).forEach(r ->
                    xml.open("item").leaf("userId", accountId).leaf("groupId", r.peer()).close("item"));
            xml.close("groups").open("ipRanges");
            rules.stream().filter(SimSecurityGroupRule::ipv4).forEach(r -> xml.open("item").leaf("cidrIp", r.peer()).close("item"));
            xml.close("ipRanges").open("ipv6Ranges");
            rules.stream().filter(SimSecurityGroupRule::ipv6).forEach(r -> xml.open("item").leaf("cidrIpv6", r.peer()).close("item"));
            xml.close("ipv6Ranges").open("prefixListIds");
            rules.stream().filter(SimSecurityGroupRule::referencesPrefixList).forEach(r ->
                    xml.open("item").leaf("prefixListId", r.peer()).close("item"));
            xml.close("prefixListIds").close("item");
        }
        xml.close(element);
    }

    String describeSecurityGroupRules(SimulatedRegion region, Ec2Protocol.Query query) {
        List<Owned> rules = new ArrayList<>();
        for (SimSecurityGroup g : region.securityGroups()) {
            g.rules().forEach(r -> rules.add(new Owned(g.groupId(), r)));
        }
        rules.sort(Comparator.comparing(o -> o.rule().ruleId()));
        List<Owned> selected = rules;
        List<String> ids = query.list("SecurityGroupRuleId");
        if (!ids.isEmpty()) {
            selected = Ec2Operations.byIds(selected, o -> o.rule().ruleId(), ids, "InvalidSecurityGroupRuleId.NotFound",
                    "security group rule");
        }
        selected = Ec2Protocol.filter(selected, query.filters(), RULE_FILTERS);
        Pages.Page<Owned> page = Pages.page(selected, o -> o.rule().ruleId(), query.get("NextToken"), query.pageSize(5, 1000),
                "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeSecurityGroupRulesResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("securityGroupRuleSet");
        for (Owned o : page.items()) {
            SimSecurityGroupRule r = o.rule();
            xml.open("item")
                    .leaf("securityGroupRuleId", r.ruleId())
                    .leaf("groupId", o.groupId())
                    .leaf("groupOwnerId", region.accountId())
                    .leaf("isEgress", r.egress())
                    .leaf("ipProtocol", r.protocol())
                    .leaf("fromPort", r.fromPort())
                    .leaf("toPort", r.toPort());
            if (r.ipv4()) {
                xml.leaf("cidrIpv4", r.peer());
            } else if (r.ipv6()) {
                xml.leaf("cidrIpv6", r.peer());
            } else if (r.referencesPrefixList()) {
                xml.leaf("prefixListId", r.peer());
            } else {
                xml.open("referencedGroupInfo").leaf("groupId", r.peer()).leaf("userId", region.accountId()).close("referencedGroupInfo");
            }
            xml.open("tagSet").close("tagSet")
                    .leaf("securityGroupRuleArn", "arn:aws:ec2:" + region.name() + ":" + region.accountId()
                            + ":security-group-rule/" + r.ruleId())
                    .close("item");
        }
        return xml.close("securityGroupRuleSet").leaf("nextToken", page.nextToken())
                .close("DescribeSecurityGroupRulesResponse").toString();
    }

    String describeNetworkAcls(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimNetworkAcl> acls = region.networkAcls();
        List<String> ids = query.list("NetworkAclId");
        if (!ids.isEmpty()) {
            acls = Ec2Operations.byIds(acls, SimNetworkAcl::networkAclId, ids, "InvalidNetworkAclID.NotFound", "network acl");
        }
        acls = Ec2Protocol.filter(acls, query.filters(), ACL_FILTERS);
        Pages.Page<SimNetworkAcl> page = Pages.page(acls, SimNetworkAcl::networkAclId, query.get("NextToken"), query.pageSize(5, 1000),
                "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeNetworkAclsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("networkAclSet");
        for (SimNetworkAcl acl : page.items()) {
            xml.open("item")
                    .leaf("networkAclId", acl.networkAclId())
                    .leaf("vpcId", acl.vpcId())
                    .leaf("default", acl.isDefault())
                    .open("entrySet");
            for (SimNetworkAcl.Entry e : acl.entries()) {
                xml.open("item")
                        .leaf("ruleNumber", e.ruleNumber())
                        .leaf("protocol", e.protocol())
                        .leaf("ruleAction", e.allow() ? "allow" : "deny")
                        .leaf("egress", e.egress())
                        .leaf("cidrBlock", e.cidrBlock());
                if (e.fromPort() != null && ("6".equals(e.protocol()) || "17".equals(e.protocol()))) {
                    xml.open("portRange").leaf("from", e.fromPort()).leaf("to", e.toPort()).close("portRange");
                }
                xml.close("item");
            }
            xml.close("entrySet").open("associationSet");
            for (String subnetId : acl.subnetIds()) {
                xml.open("item")
                        .leaf("networkAclAssociationId", "aclassoc-" + subnetId.replace("subnet-", ""))
                        .leaf("networkAclId", acl.networkAclId())
                        .leaf("subnetId", subnetId)
                        .close("item");
            }
            xml.close("associationSet").open("tagSet").close("tagSet")
                    .leaf("ownerId", region.accountId())
                    .close("item");
        }
        return xml.close("networkAclSet").leaf("nextToken", page.nextToken()).close("DescribeNetworkAclsResponse").toString();
    }
}
