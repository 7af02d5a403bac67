package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A security group and its rules, one per source (DescribeSecurityGroupRules' shape): whether a client's
 * traffic reaches an FSx ENI on the ports its protocol needs. Security groups are stateful, so the analyzer
 * judges inbound rules only.
 */
public record SecurityGroupObservation(
        Scope scope,
        Instant observedAt,
        String groupId,
        String vpcId,
        String groupName,
        List<Rule> rules) implements Observation {

    public SecurityGroupObservation {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @Override
    public String resourceId() {
        return groupId;
    }

    /**
     * One rule with one source or destination.
     *
     * @param protocol          {@code tcp}, {@code udp}, {@code icmp}, a number, or {@code -1} for every protocol
     * @param fromPort          null (or -1) when the rule covers every port
     * @param cidrIpv4          the peer as an IPv4 CIDR; null when the peer is a group, a prefix list or IPv6
     * @param referencedGroupId the peer as a security group: its members' addresses
     * @param prefixListId      the peer as a managed prefix list
     */
    public record Rule(String ruleId, boolean egress, String protocol, Integer fromPort, Integer toPort, String cidrIpv4,
            String cidrIpv6, String referencedGroupId, String prefixListId) {
    }
}
