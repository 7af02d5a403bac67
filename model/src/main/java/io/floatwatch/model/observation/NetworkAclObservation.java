package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A network ACL, its entries and the subnets it guards. NACLs are stateless and ordered: per direction the
 * entry with the lowest rule number that matches decides, and the last one (32767, {@code *}) denies.
 */
public record NetworkAclObservation(
        Scope scope,
        Instant observedAt,
        String networkAclId,
        String vpcId,
        boolean isDefault,
        List<Entry> entries,
        List<String> subnetIds) implements Observation {

    public NetworkAclObservation {
        entries = entries == null ? List.of() : List.copyOf(entries);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    }

    @Override
    public String resourceId() {
        return networkAclId;
    }

    /**
     * One entry.
     *
     * @param protocol a protocol number as a string: {@code -1} (all), {@code 6} (TCP), {@code 17} (UDP)
     * @param fromPort null when the entry has no port range (every protocol but TCP and UDP)
     * @param cidrBlock the IPv4 peer; null for an IPv6 entry
     */
    public record Entry(int ruleNumber, boolean egress, String protocol, Integer fromPort, Integer toPort, String cidrBlock,
            boolean allow) {
    }
}
