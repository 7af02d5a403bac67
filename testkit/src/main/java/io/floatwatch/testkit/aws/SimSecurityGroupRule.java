package io.floatwatch.testkit.aws;

import java.util.Objects;

/**
 * One security group rule with one peer, as DescribeSecurityGroupRules returns it.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} (every protocol, no ports)
 * @param fromPort -1 for all ports (and for protocol -1)
 * @param peer     a CIDR ({@code 10.1.0.0/16}), a group ({@code sg-...}) or a prefix list ({@code pl-...})
 */
public record SimSecurityGroupRule(String ruleId, boolean egress, String protocol, int fromPort, int toPort, String peer) {

    public SimSecurityGroupRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(peer, "peer");
        if ("-1".equals(protocol)) {
            fromPort = -1;
            toPort = -1;
        }
    }

    public static SimSecurityGroupRule inbound(String ruleId, String protocol, int fromPort, int toPort, String peer) {
        return new SimSecurityGroupRule(ruleId, false, protocol, fromPort, toPort, peer);
    }

    public static SimSecurityGroupRule inboundTcp(String ruleId, int port, String peer) {
        return inbound(ruleId, "tcp", port, port, peer);
    }

    static SimSecurityGroupRule egressAll(String ruleId) {
        return new SimSecurityGroupRule(ruleId, true, "-1", -1, -1, "0.0.0.0/0");
    }

    boolean referencesGroup() {
        return peer.startsWith("sg-");
    }

    boolean referencesPrefixList() {
        return peer.startsWith("pl-");
    }

    boolean ipv6() {
        return !referencesGroup() && !referencesPrefixList() && peer.contains(":");
    }

    boolean ipv4() {
        return !referencesGroup() && !referencesPrefixList() && !peer.contains(":");
    }
}
