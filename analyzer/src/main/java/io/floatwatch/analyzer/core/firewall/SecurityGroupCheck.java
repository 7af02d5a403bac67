package io.floatwatch.analyzer.core.firewall;

import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.SecurityGroupObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whether the security groups of an ENI let a need in from a client's CIDR. Groups only allow, and an ENI takes the
 * union of its groups' inbound rules; they are stateful, so replies need no rule. A rule whose peer is another group
 * admits that group's members: floatwatch resolves it with the members it observes (FSx ENIs and whatever else it
 * reads), which covers a client only when the client's CIDR is made of their addresses. A prefix-list peer is not
 * resolved (its entries need ec2:GetManagedPrefixListEntries, which floatwatch does not call). Either one, when it
 * is what could allow what is left, makes the verdict unverified, never allowed.
 */
final class SecurityGroupCheck {

    enum Status { ALLOWED, BLOCKED, UNVERIFIED }

    /** @param unresolved the rules that might allow what is left, e.g. {@code sgr-1 (sg-0abc: members not known)} */
    record Verdict(Status status, List<String> unresolved) {
    }

    private SecurityGroupCheck() {
    }

    static Verdict evaluate(List<SecurityGroupObservation> groups, Function<String, List<NetworkInterfaceObservation>> members,
            Cidr client, PortNeed need) {
        List<TrafficBox> undecided = List.of(TrafficBox.of(client, need.from(), need.to()));
        List<SecurityGroupObservation.Rule> references = new ArrayList<>();
        for (SecurityGroupObservation g : groups) {
            for (SecurityGroupObservation.Rule r : g.rules()) {
                if (r.egress() || !Protocols.matches(r.protocol(), need.protocol())) {
                    continue;
                }
                if (r.referencedGroupId() != null || r.prefixListId() != null) {
                    references.add(r);
                    continue;
                }
                Cidr peer = Cidr.parse(r.cidrIpv4()).orElse(null);
                if (peer != null) {
                    undecided = TrafficBox.minus(undecided, box(r, peer));
                }
            }
        }
        List<String> unresolved = new ArrayList<>();
        for (SecurityGroupObservation.Rule r : references) {
            if (undecided.isEmpty()) {
                break;
            }
            if (r.referencedGroupId() != null) {
                for (NetworkInterfaceObservation member : members.apply(r.referencedGroupId())) {
                    for (String ip : member.privateIpAddresses()) {
                        Cidr host = Cidr.host(ip).orElse(null);
                        if (host != null) {
                            undecided = TrafficBox.minus(undecided, box(r, host));
                        }
                    }
                }
            }
            TrafficBox ports = box(r, new Cidr(0, 0));
            if (undecided.stream().anyMatch(b -> b.intersect(ports) != null)) {
                unresolved.add((r.ruleId() == null ? "a rule" : r.ruleId()) + " (" + (r.referencedGroupId() != null
                        ? "group " + r.referencedGroupId() + ": its members floatwatch observes do not cover the client"
                        : "prefix list " + r.prefixListId() + ": not resolved") + ")");
            }
        }
        if (undecided.isEmpty()) {
            return new Verdict(Status.ALLOWED, List.of());
        }
        return new Verdict(unresolved.isEmpty() ? Status.BLOCKED : Status.UNVERIFIED, List.copyOf(unresolved));
    }

    private static TrafficBox box(SecurityGroupObservation.Rule r, Cidr peer) {
        boolean allPorts = Protocols.all(r.protocol()) || r.fromPort() == null || r.toPort() == null || r.fromPort() < 0;
        return TrafficBox.of(peer, allPorts ? 0 : r.fromPort(), allPorts ? 65535 : r.toPort());
    }
}
