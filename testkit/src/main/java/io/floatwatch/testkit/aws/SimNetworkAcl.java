package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A simulated network ACL. The {@code *} entries (32767, deny all, each direction) are always there, as in
 * EC2, and entries are kept in rule-number order.
 */
public record SimNetworkAcl(String networkAclId, String vpcId, boolean isDefault, List<Entry> entries, List<String> subnetIds) {

    public static final int DEFAULT_RULE = 32767;

    public SimNetworkAcl {
        Objects.requireNonNull(networkAclId, "networkAclId");
        List<Entry> sorted = new ArrayList<>(entries == null ? List.of() : entries);
        sorted.removeIf(e -> e.ruleNumber() == DEFAULT_RULE);
        sorted.add(new Entry(DEFAULT_RULE, false, "-1", null, null, "0.0.0.0/0", false));
        sorted.add(new Entry(DEFAULT_RULE, true, "-1", null, null, "0.0.0.0/0", false));
        sorted.sort(Comparator.comparing((Entry e) -> e.egress()).thenComparingInt(Entry::ruleNumber));
        entries = List.copyOf(sorted);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    }

    /** A default ACL as EC2 creates it: rule 100 allows everything both ways. */
    public static SimNetworkAcl allowingAll(String networkAclId, String vpcId, List<String> subnetIds) {
        return new SimNetworkAcl(networkAclId, vpcId, true, List.of(
                new Entry(100, false, "-1", null, null, "0.0.0.0/0", true),
                new Entry(100, true, "-1", null, null, "0.0.0.0/0", true)), subnetIds);
    }

    SimNetworkAcl withEntry(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        if (next.stream().anyMatch(e -> e.egress() == entry.egress() && e.ruleNumber() == entry.ruleNumber())) {
            throw new SimulatedError(400, "NetworkAclEntryAlreadyExists",
                    "The network acl entry identified by " + entry.ruleNumber() + " already exists.");
        }
        next.add(entry);
        return new SimNetworkAcl(networkAclId, vpcId, isDefault, next, subnetIds);
    }

    SimNetworkAcl withoutEntry(int ruleNumber, boolean egress) {
        List<Entry> next = new ArrayList<>(entries);
        if (!next.removeIf(e -> e.egress() == egress && e.ruleNumber() == ruleNumber)) {
            throw new java.util.NoSuchElementException("no " + (egress ? "egress" : "ingress") + " entry " + ruleNumber
                    + " in " + networkAclId);
        }
        return new SimNetworkAcl(networkAclId, vpcId, isDefault, next, subnetIds);
    }

    /**
     * One entry.
     *
     * @param protocol a number as a string: {@code -1}, {@code 6}, {@code 17}
     * @param fromPort only for TCP and UDP
     */
    public record Entry(int ruleNumber, boolean egress, String protocol, Integer fromPort, Integer toPort, String cidrBlock,
            boolean allow) {

        public static Entry ingress(int ruleNumber, String protocol, Integer fromPort, Integer toPort, String cidr, boolean allow) {
            return new Entry(ruleNumber, false, protocol, fromPort, toPort, cidr, allow);
        }

        public static Entry egress(int ruleNumber, String protocol, Integer fromPort, Integer toPort, String cidr, boolean allow) {
            return new Entry(ruleNumber, true, protocol, fromPort, toPort, cidr, allow);
        }
    }
}
