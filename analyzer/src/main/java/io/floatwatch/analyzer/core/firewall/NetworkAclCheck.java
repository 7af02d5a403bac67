package io.floatwatch.analyzer.core.firewall;

import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.model.observation.NetworkAclObservation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a network ACL lets a need through in one direction. Per direction, entries are evaluated in ascending
 * rule number and the first that matches a packet decides; a packet no entry matches is denied (the {@code *}
 * entry, 32767, which EC2 always lists). Evaluated over boxes of peer addresses and ports, so the verdict holds
 * for every address of the client's CIDR and every port of the need.
 */
final class NetworkAclCheck {

    /**
     * @param entry the entry that denies; null when no entry matched part of the traffic (the implicit default deny)
     * @param port  the first port denied
     */
    record Denied(NetworkAclObservation.Entry entry, int port) {

        /** {@code 90}, or {@code *} for the default deny. */
        String rule() {
            return entry == null || entry.ruleNumber() == 32767 ? "*" : String.valueOf(entry.ruleNumber());
        }
    }

    private NetworkAclCheck() {
    }

    /** Null when every packet of the need from (or to) {@code peer} is allowed; else the first denial. */
    static Denied evaluate(NetworkAclObservation acl, boolean egress, Cidr peer, PortNeed need) {
        List<NetworkAclObservation.Entry> entries = new ArrayList<>();
        for (NetworkAclObservation.Entry e : acl.entries()) {
            if (e.egress() == egress) {
                entries.add(e);
            }
        }
        entries.sort(Comparator.comparingInt(NetworkAclObservation.Entry::ruleNumber));
        List<TrafficBox> undecided = List.of(TrafficBox.of(peer, need.from(), need.to()));
        for (NetworkAclObservation.Entry e : entries) {
            TrafficBox covered = box(e, need.protocol());
            if (covered == null) {
                continue;
            }
            for (TrafficBox b : undecided) {
                TrafficBox hit = b.intersect(covered);
                if (hit != null && !e.allow()) {
                    return new Denied(e, hit.portFrom());
                }
            }
            undecided = TrafficBox.minus(undecided, covered);
            if (undecided.isEmpty()) {
                return null;
            }
        }
        return new Denied(null, undecided.get(0).portFrom());
    }

    /** What an entry matches of a protocol's traffic, or null when it matches none of it (IPv6, another protocol). */
    private static TrafficBox box(NetworkAclObservation.Entry e, String protocol) {
        if (!Protocols.matches(e.protocol(), protocol)) {
            return null;
        }
        Cidr cidr = Cidr.parse(e.cidrBlock()).orElse(null);
        if (cidr == null) {
            return null;
        }
        boolean allPorts = Protocols.all(e.protocol()) || e.fromPort() == null || e.toPort() == null;
        return TrafficBox.of(cidr, allPorts ? 0 : e.fromPort(), allPorts ? 65535 : e.toPort());
    }
}
