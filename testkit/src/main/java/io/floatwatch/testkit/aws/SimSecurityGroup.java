package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A simulated security group; its rules in the order they were authorized. */
public record SimSecurityGroup(String groupId, String vpcId, String groupName, List<SimSecurityGroupRule> rules) {

    public SimSecurityGroup {
        Objects.requireNonNull(groupId, "groupId");
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A new group as EC2 creates it: no inbound rule, and one egress rule allowing everything. */
    public static SimSecurityGroup created(String groupId, String vpcId, String groupName) {
        return new SimSecurityGroup(groupId, vpcId, groupName,
                List.of(SimSecurityGroupRule.egressAll(groupId.replace("sg-", "sgr-e"))));
    }

    SimSecurityGroup withRule(SimSecurityGroupRule rule) {
        List<SimSecurityGroupRule> next = new ArrayList<>(rules);
        next.removeIf(r -> r.ruleId().equals(rule.ruleId()));
        next.add(rule);
        return new SimSecurityGroup(groupId, vpcId, groupName, next);
    }

    SimSecurityGroup withoutRule(String ruleId) {
        List<SimSecurityGroupRule> next = new ArrayList<>(rules);
        if (!next.removeIf(r -> r.ruleId().equals(ruleId))) {
            throw new java.util.NoSuchElementException("no rule " + ruleId + " in " + groupId);
        }
        return new SimSecurityGroup(groupId, vpcId, groupName, next);
    }
}
