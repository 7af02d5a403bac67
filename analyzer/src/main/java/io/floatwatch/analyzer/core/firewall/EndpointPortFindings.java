package io.floatwatch.analyzer.core.firewall;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Endpoint;
import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.path.FileSystemEndpoints;
import io.floatwatch.analyzer.core.path.PathFindings;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.SecurityGroupObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ENDPOINT_PORT_BLOCKED and ENDPOINT_PORT_UNVERIFIED, one per declared client, endpoint address and kind it uses
 * there (nfs, smb, ...): the ports that kind needs ({@link PortNeed#of}) must pass, for every ENI that serves the
 * address (both ENIs of a Multi-AZ file system for a floating one: a failover moves the traffic),
 *
 * <ol>
 *   <li>the ENI's security groups, inbound from the client's CIDR (stateful: no return rule);</li>
 *   <li>the network ACL of the ENI's subnet, inbound from the client's CIDR and outbound to it on the ephemeral
 *       ports 1024-65535 (stateless);</li>
 *   <li>the network ACL of the client's subnet, when the client declares one and floatwatch observes it: outbound to
 *       the address and inbound from it on the ephemeral ports.</li>
 * </ol>
 *
 * The first problem in that order names the finding's layer, resource, port and rule; every problem goes in its
 * evidence. A layer floatwatch does not watch at all (an ENI record without groups, a scope without any ACL
 * observed) is not judged; one it watches but cannot resolve (a group or ACL not observed, a group reference, a
 * prefix list) is UNVERIFIED, which never resolves a firing BLOCKED. Lattice clients are not judged: the file
 * system sees the resource gateway's addresses, not theirs.
 *
 * <p>Part of the client's path piece ({@code path:<fs-id>/<client>}): the groups, members and ACLs it reads are
 * recorded like every other model read, so a changed rule re-judges exactly the clients behind it.
 */
public final class EndpointPortFindings {

    static final String SECURITY_GROUP = "security_group";
    static final String NETWORK_ACL = "network_acl";

    /** One thing in the way. */
    record Problem(FindingType type, String layer, String resourceId, PortNeed need, String rule, String why, String fix) {
    }

    /**
     * @param gateOpen whether the security-group and ACL sources completed a first poll (or the gate is off): until
     *                 then nothing opens and what is open stays open
     */
    public record Context(Instant at, boolean gateOpen, Function<String, Finding> open) {
    }

    private EndpointPortFindings() {
    }

    public static void desired(Scope scope, RegionView view, DeclaredClient client, FileSystemObservation fs, Context ctx,
            Map<String, Finding> out) {
        RegionModel model = view.own();
        Cidr clientCidr = Cidr.parse(client.cidr()).orElse(null);
        if (clientCidr == null || client.via() == Via.LATTICE) {
            return;
        }
        for (Endpoint endpoint : FileSystemEndpoints.of(model, fs)) {
            for (EndpointKind kind : endpoint.kinds()) {
                if (!client.endpoints().contains(kind)) {
                    continue;
                }
                String subject = subject(scope, client, fs.fileSystemId(), endpoint.ip(), kind);
                Finding blocked = ctx.open().apply(Finding.idOf(FindingType.ENDPOINT_PORT_BLOCKED, subject));
                if (!ctx.gateOpen()) {
                    keep(blocked, out);
                    keep(ctx.open().apply(Finding.idOf(FindingType.ENDPOINT_PORT_UNVERIFIED, subject)), out);
                    continue;
                }
                List<String> enis = new ArrayList<>();
                List<Problem> problems = problems(view, client, clientCidr, fs, endpoint, kind, enis);
                if (problems.isEmpty()) {
                    continue;
                }
                Problem first = problems.stream().filter(p -> p.type() == FindingType.ENDPOINT_PORT_BLOCKED).findFirst()
                        .orElse(problems.get(0));
                if (first.type() == FindingType.ENDPOINT_PORT_UNVERIFIED && blocked != null) {
                    // Unproven is never an all-clear: the blocked page stays as it is until a proof replaces it.
                    keep(blocked, out);
                    continue;
                }
                Finding f = Finding.firing(first.type(), subject, labels(scope, client, fs.fileSystemId(), endpoint, kind, first),
                        ctx.at(), ctx.at(), evidence(client, endpoint, kind, enis, problems, first),
                        message(client, fs.fileSystemId(), endpoint, kind, first));
                out.put(f.id(), f);
            }
        }
    }

    private static void keep(Finding open, Map<String, Finding> out) {
        if (open != null) {
            out.put(open.id(), open);
        }
    }

    /** Every problem in the layers' order, for each ENI serving the address. */
    private static List<Problem> problems(RegionView view, DeclaredClient client, Cidr clientCidr, FileSystemObservation fs,
            Endpoint endpoint, EndpointKind kind, List<String> enis) {
        RegionModel model = view.own();
        List<Problem> out = new ArrayList<>();
        for (NetworkInterfaceObservation eni : servingEnis(model, fs, endpoint)) {
            enis.add(eni.networkInterfaceId());
            for (PortNeed need : PortNeed.of(kind)) {
                securityGroups(model, eni, clientCidr, client.cidr(), need, out);
                fileSystemAcl(model, eni, clientCidr, client.cidr(), need, out);
            }
        }
        Cidr endpointHost = Cidr.host(endpoint.ip()).orElse(null);
        if (client.subnetId() != null && endpointHost != null && !enis.isEmpty()) {
            Optional<NetworkAclObservation> acl = view.networkAclOfSubnet(client.subnetId());
            if (acl.isPresent()) {
                for (PortNeed need : PortNeed.of(kind)) {
                    clientAcl(acl.get(), client.subnetId(), endpointHost, endpoint.ip(), need, out);
                }
            }
        }
        return dedupe(out);
    }

    /** A floating address is served by every ENI of the file system; an ENI address by the ENI holding it. */
    private static List<NetworkInterfaceObservation> servingEnis(RegionModel model, FileSystemObservation fs, Endpoint endpoint) {
        if (!endpoint.floating()) {
            Optional<NetworkInterfaceObservation> holder = model.networkInterfaceWithAddress(endpoint.ip());
            if (holder.isPresent()) {
                return List.of(holder.get());
            }
        }
        List<NetworkInterfaceObservation> out = new ArrayList<>();
        for (String id : fs.networkInterfaceIds().stream().sorted().toList()) {
            model.networkInterface(id).ifPresent(out::add);
        }
        return out;
    }

    private static void securityGroups(RegionModel model, NetworkInterfaceObservation eni, Cidr clientCidr, String cidrText,
            PortNeed need, List<Problem> out) {
        if (eni.securityGroupIds().isEmpty()) {
            return;
        }
        List<SecurityGroupObservation> groups = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : eni.securityGroupIds()) {
            model.securityGroup(id).ifPresentOrElse(groups::add, () -> missing.add(id));
        }
        String ids = String.join(",", eni.securityGroupIds());
        SecurityGroupCheck.Verdict v = SecurityGroupCheck.evaluate(groups, model::groupMembers, clientCidr, need);
        if (v.status() == SecurityGroupCheck.Status.ALLOWED) {
            return;
        }
        String fix = "authorize inbound " + need.spaced() + " from " + cidrText + " on " + eni.securityGroupIds().get(0);
        if (!missing.isEmpty()) {
            out.add(new Problem(FindingType.ENDPOINT_PORT_UNVERIFIED, SECURITY_GROUP, ids, need, "unknown",
                    "security group " + String.join(",", missing) + " of " + eni.networkInterfaceId() + " is not observed",
                    "check the ec2.security-groups source, or " + fix));
        } else if (v.status() == SecurityGroupCheck.Status.UNVERIFIED) {
            out.add(new Problem(FindingType.ENDPOINT_PORT_UNVERIFIED, SECURITY_GROUP, ids, need, "unresolved",
                    "only " + String.join(", ", v.unresolved()) + " might allow inbound " + need.label() + " from " + cidrText
                            + " on " + eni.networkInterfaceId(), fix));
        } else {
            out.add(new Problem(FindingType.ENDPOINT_PORT_BLOCKED, SECURITY_GROUP, ids, need, "none",
                    "no inbound rule of " + ids + " on " + eni.networkInterfaceId() + " allows " + need.label() + " from " + cidrText,
                    fix));
        }
    }

    private static void fileSystemAcl(RegionModel model, NetworkInterfaceObservation eni, Cidr clientCidr, String cidrText,
            PortNeed need, List<Problem> out) {
        Optional<NetworkAclObservation> found = model.networkAclOfSubnet(eni.subnetId());
        if (found.isEmpty()) {
            if (model.anyNetworkAcl()) {
                out.add(new Problem(FindingType.ENDPOINT_PORT_UNVERIFIED, NETWORK_ACL, eni.subnetId(), need, "unknown",
                        "no network ACL observed for " + eni.subnetId() + " of " + eni.networkInterfaceId(),
                        "check the ec2.network-acls source"));
            }
            return;
        }
        NetworkAclObservation acl = found.get();
        String where = "network ACL " + acl.networkAclId() + " of " + eni.subnetId() + " (" + eni.networkInterfaceId() + ")";
        NetworkAclCheck.Denied in = NetworkAclCheck.evaluate(acl, false, clientCidr, need);
        if (in != null) {
            out.add(aclProblem(acl, need, in, where + " denies inbound " + need.protocol() + "/" + in.port() + " from " + cidrText,
                    "inbound", need, cidrText));
        }
        NetworkAclCheck.Denied back = NetworkAclCheck.evaluate(acl, true, clientCidr, PortNeed.EPHEMERAL);
        if (back != null) {
            out.add(aclProblem(acl, need, back, where + " denies the replies of " + need.label() + ": outbound "
                    + PortNeed.EPHEMERAL.protocol() + "/" + back.port() + " to " + cidrText, "outbound", PortNeed.EPHEMERAL, cidrText));
        }
    }

    private static void clientAcl(NetworkAclObservation acl, String subnetId, Cidr endpoint, String endpointIp, PortNeed need,
            List<Problem> out) {
        String where = "network ACL " + acl.networkAclId() + " of the client's " + subnetId;
        NetworkAclCheck.Denied outbound = NetworkAclCheck.evaluate(acl, true, endpoint, need);
        if (outbound != null) {
            out.add(aclProblem(acl, need, outbound, where + " denies outbound " + need.protocol() + "/" + outbound.port() + " to "
                    + endpointIp, "outbound", need, endpointIp + "/32"));
        }
        NetworkAclCheck.Denied replies = NetworkAclCheck.evaluate(acl, false, endpoint, PortNeed.EPHEMERAL);
        if (replies != null) {
            out.add(aclProblem(acl, need, replies, where + " denies the replies of " + need.label() + ": inbound "
                    + PortNeed.EPHEMERAL.protocol() + "/" + replies.port() + " from " + endpointIp, "inbound", PortNeed.EPHEMERAL,
                    endpointIp + "/32"));
        }
    }

    private static Problem aclProblem(NetworkAclObservation acl, PortNeed need, NetworkAclCheck.Denied denied, String why,
            String direction, PortNeed allow, String peer) {
        String rule = denied.rule();
        String byRule = "*".equals(rule) ? " (no entry allows it: the default deny)" : " by entry " + rule;
        String fix = "*".equals(rule)
                ? "add an " + direction + " allow entry for " + allow.spaced() + " " + ("inbound".equals(direction) ? "from " : "to ")
                        + peer + " to " + acl.networkAclId()
                : "delete entry " + rule + " (" + direction + ") of " + acl.networkAclId() + ", or add an allow for " + allow.spaced()
                        + " numbered below it";
        return new Problem(FindingType.ENDPOINT_PORT_BLOCKED, NETWORK_ACL, acl.networkAclId(), need, rule, why + byRule, fix);
    }

    /** Both ENIs of a file system usually share groups and an ACL's answer: one line per distinct problem. */
    private static List<Problem> dedupe(List<Problem> problems) {
        Map<String, Problem> unique = new LinkedHashMap<>();
        for (Problem p : problems) {
            unique.putIfAbsent(p.type() + " " + p.why(), p);
        }
        return List.copyOf(unique.values());
    }

    static String subject(Scope scope, DeclaredClient client, String fsId, String ip, EndpointKind kind) {
        return PathFindings.subject(scope, client, fsId, ip) + "/" + kind.label();
    }

    private static Map<String, String> labels(Scope scope, DeclaredClient client, String fsId, Endpoint endpoint, EndpointKind kind,
            Problem first) {
        Map<String, String> labels = Subjects.fileSystemLabels(scope, fsId);
        if (endpoint.floating()) {
            labels.put(Labels.FLOATING_IP, endpoint.ip());
        }
        labels.put(Labels.ENDPOINT_IP, endpoint.ip());
        labels.put(Labels.ENDPOINT_KIND, kind.label());
        labels.put(Labels.CLIENT, client.name());
        labels.put(Labels.LAYER, first.layer());
        labels.put(Labels.RESOURCE_ID, first.resourceId());
        labels.put(Labels.PORT, first.need().label());
        labels.put(Labels.RULE, first.rule());
        return labels;
    }

    private static Map<String, String> evidence(DeclaredClient client, Endpoint endpoint, EndpointKind kind, List<String> enis,
            List<Problem> problems, Problem first) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("client_cidr", client.cidr());
        evidence.put("endpoint", endpoint.ip() + " (" + kind.label() + ", " + (endpoint.floating() ? "floating" : "ENI address") + ")");
        evidence.put("ports", String.join(",", PortNeed.of(kind).stream().map(PortNeed::label).toList()));
        evidence.put("enis", String.join(",", enis));
        evidence.put("problems", String.join("; ", problems.stream().map(Problem::why).toList()));
        evidence.put("fix", first.fix());
        return evidence;
    }

    private static String message(DeclaredClient client, String fsId, Endpoint endpoint, EndpointKind kind, Problem first) {
        String verdict = first.type() == FindingType.ENDPOINT_PORT_BLOCKED ? " cannot use " : " may not be able to use ";
        return "client " + client.name() + " (" + client.cidr() + ")" + verdict + kind.label() + " on " + endpoint.ip() + " of " + fsId
                + " (" + first.need().label() + ", " + first.layer() + " " + first.resourceId() + ", rule " + first.rule() + "): "
                + first.why() + "; fix: " + first.fix();
    }

    public static String closing(Finding open) {
        return "client " + open.labels().get(Labels.CLIENT) + " may use " + open.labels().get(Labels.ENDPOINT_KIND) + " on "
                + open.labels().get(Labels.ENDPOINT_IP) + " again: every security group and network ACL floatwatch judges allows it"
                + " (or the client or endpoint is no longer declared or observed)";
    }
}
