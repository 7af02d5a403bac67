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
 * IP. A path is re-walked when something it crossed changed; a verdict change is the finding (firing
 * with its explanation and the verdict before), and a path that works again resolves it.
 * UNKNOWN fires nothing but is remembered, so it never counts as "was reachable".
 *
 * <p>Only verdicts other than REACHABLE are remembered: a healthy region has a reachable path for
 * nearly every (client, floating IP), and remembering each of them cost a million entries for 2,000
 * clients and 500 file systems. A path not remembered of a file system judged before was reachable.
 * A same-VPC client has paths only to the file systems of its own VPC: one in another VPC is not a
 * path it declared, and judging it fired an UNREACHABLE per client and foreign file system. A client
 * that lists its file systems has paths to those only.
 */
final class PathFindings {

    /** The verdicts now, by path key, and their explanations, by finding subject (for closing lines). */
    record Walked(Map<String, PathMemory> memory, Map<String, String> explanations) {
    }

    private static final PathMemory REACHABLE = new PathMemory(PathVerdict.REACHABLE, null);

    private PathFindings() {
    }

    /**
     * Whether the client has paths to this file system at all: it targets it (or every file system), and a
     * same-VPC client sits in the file system's VPC (as declared, or as its subnet says).
     */
    static boolean judged(RegionModel model, Scope scope, DeclaredClient client, FileSystemObservation fs) {
        if (!client.appliesTo(scope) || !client.targets(fs.fileSystemId()) || !fs.multiAz() || fs.floatingIps().isEmpty()) {
            return false;
        }
        if (client.via() != Via.SAME_VPC) {
            return true;
        }
        String vpc = client.vpcId() != null ? client.vpcId()
                : client.subnetId() == null ? null
                : model.subnet(client.subnetId()).map(sn -> sn.vpcId()).orElse(null);
        return vpc == null || fs.vpcId() == null || vpc.equals(fs.vpcId());
    }

    /**
     * One client's paths to the floating IPs of one file system (none when it has no business there).
     *
     * @param before       remembered verdicts, by path key
     * @param judgedBefore whether the file system was judged before: its unremembered paths were reachable
     */
    static Walked desired(Scope scope, RegionModel model, DeclaredClient client, FileSystemObservation fs,
            Map<String, PathMemory> before, boolean judgedBefore, Instant at, Map<String, Finding> out) {
        Map<String, PathMemory> memory = new TreeMap<>();
        Map<String, String> explanations = new TreeMap<>();
        if (fs == null || !judged(model, scope, client, fs)) {
            return new Walked(memory, explanations);
        }
        for (String ip : fs.floatingIps()) {
            PathResult r = PathEvaluator.evaluate(model, fs, client, ip);
            String key = memoryKey(client, fs.fileSystemId(), ip);
            PathMemory prev = before.get(key);
            if (prev == null && judgedBefore) {
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
        return new Walked(memory, explanations);
    }

    /** The key of a remembered verdict; its first part, up to the address, is {@link #memoryPrefix}. */
    static String memoryKey(DeclaredClient client, String fsId, String ip) {
        return memoryPrefix(client.name(), fsId) + ip;
    }

    static String memoryPrefix(String clientName, String fsId) {
        return clientName + " " + fsId + " ";
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
