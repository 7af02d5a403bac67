package io.floatwatch.analyzer.core;

import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CLIENT_PATH_UNREACHABLE and CLIENT_PATH_UNSUPPORTED per declared client, file system and floating
 * IP. Every path is re-walked on every change of the scope; a verdict change is the finding (firing
 * with its explanation and the verdict before), and a path that works again resolves it.
 * UNKNOWN fires nothing but is remembered, so it never counts as "was reachable".
 *
 * <p>Only verdicts other than REACHABLE are remembered: a healthy region has a reachable path for
 * nearly every (client, floating IP), and remembering each of them cost a million entries for 2,000
 * clients and 500 file systems. A path not remembered of a file system judged before was reachable.
 * A same-VPC client has paths only to the file systems of its own VPC: one in another VPC is not a
 * path it declared, and judging it fired an UNREACHABLE per client and foreign file system.
 */
final class PathFindings {

    /** The verdicts now, by path key, and their explanations, by finding subject (for closing lines). */
    record Walked(Map<String, PathMemory> memory, Map<String, String> explanations) {
    }

    private static final PathMemory REACHABLE = new PathMemory(PathVerdict.REACHABLE, null);

    private PathFindings() {
    }

    /** A same-VPC client of another VPC than the file system's (as declared, or as its subnet says). */
    private static boolean elsewhere(RegionModel model, DeclaredClient client, FileSystemObservation fs) {
        if (client.via() != Via.SAME_VPC) {
            return false;
        }
        String vpc = client.vpcId() != null ? client.vpcId()
                : client.subnetId() == null ? null
                : model.subnet(client.subnetId()).map(sn -> sn.vpcId()).orElse(null);
        return vpc != null && fs.vpcId() != null && !vpc.equals(fs.vpcId());
    }

    static Walked desired(Scope scope, RegionModel model, List<DeclaredClient> clients, Map<String, PathMemory> before,
            java.util.Set<String> judgedBefore, Instant at, Map<String, Finding> out) {
        Map<String, PathMemory> memory = new TreeMap<>();
        Map<String, String> explanations = new TreeMap<>();
        for (FileSystemObservation fs : model.fileSystems()) {
            if (!fs.multiAz() || fs.floatingIps().isEmpty()) {
                continue;
            }
            for (DeclaredClient client : clients) {
                if (!client.appliesTo(scope) || elsewhere(model, client, fs)) {
                    continue;
                }
                for (String ip : fs.floatingIps()) {
                    PathResult r = PathEvaluator.evaluate(model, fs, client, ip);
                    String key = client.name() + " " + fs.fileSystemId() + " " + ip;
                    PathMemory prev = before.get(key);
                    if (prev == null && judgedBefore.contains(fs.fileSystemId())) {
                        prev = REACHABLE;
                    }
                    PathMemory now = prev == null ? new PathMemory(r.verdict(), null)
                            : prev.verdict() == r.verdict() ? prev : new PathMemory(r.verdict(), prev.verdict());
                    if (now.verdict() != PathVerdict.REACHABLE) {
                        memory.put(key, now);
                    }
                    String subject = subject(scope, client, fs.fileSystemId(), ip);
                    explanations.put(subject, r.explanation());
                    FindingType type = r.verdict() == PathVerdict.UNREACHABLE ? FindingType.CLIENT_PATH_UNREACHABLE
                            : r.verdict() == PathVerdict.UNSUPPORTED ? FindingType.CLIENT_PATH_UNSUPPORTED : null;
                    if (type == null) {
                        continue;
                    }
                    Finding f = Finding.firing(type, subject, labels(scope, client, fs.fileSystemId(), ip), at, at,
                            evidence(client, r, now), r.explanation());
                    out.put(f.id(), f);
                }
            }
        }
        return new Walked(memory, explanations);
    }

    static String subject(Scope scope, DeclaredClient client, String fsId, String ip) {
        return scope.id() + "/client/" + client.name() + "/" + fsId + "/" + ip;
    }

    static String closing(Finding open, Map<String, String> explanations) {
        String now = explanations.get(open.subject());
        return now != null ? "path verdict changed: " + now
                : "client " + open.labels().get(Labels.CLIENT) + " or the file system is no longer declared or observed";
    }

    private static Map<String, String> labels(Scope scope, DeclaredClient client, String fsId, String ip) {
        Map<String, String> labels = Subjects.fileSystemLabels(scope, fsId);
        labels.put(Labels.FLOATING_IP, ip);
        labels.put(Labels.CLIENT, client.name());
        return labels;
    }

    private static Map<String, String> evidence(DeclaredClient client, PathResult r, PathMemory memory) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("via", client.via().label());
        evidence.put("verdict", r.verdict().label());
        if (memory.previous() != null) {
            evidence.put("previous_verdict", memory.previous().label());
        }
        evidence.put("hops", String.join(" | ", r.hops()));
        if (r.failedHop() != null) {
            evidence.put("failed_hop", r.failedHop());
        }
        if (r.missingRoute() != null) {
            evidence.put("missing_route", r.missingRoute());
        }
        if (!r.routeTableIds().isEmpty()) {
            evidence.put("route_table_ids", String.join(",", r.routeTableIds()));
        }
        if (!r.tgwRouteTableIds().isEmpty()) {
            evidence.put("tgw_route_table_ids", String.join(",", r.tgwRouteTableIds()));
        }
        if (!r.unverified().isEmpty()) {
            evidence.put("unverified", String.join("; ", r.unverified()));
        }
        return evidence;
    }
}
