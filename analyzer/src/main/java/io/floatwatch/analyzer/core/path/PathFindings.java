package io.floatwatch.analyzer.core.path;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.failover.StalledFailover;
import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.probe.ProbeCorrelation;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.region.RegionView;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CLIENT_PATH_UNREACHABLE, CLIENT_PATH_UNSUPPORTED and CLIENT_PATH_UNVERIFIED per declared client, file
 * system and endpoint (every endpoint the client uses: floating management and SVM endpoints, ENI iSCSI,
 * NVMe and intercluster addresses). A path is re-walked when something it crossed changed; a verdict change is the finding (firing
 * with its explanation and the verdict before), and a path that works again resolves it.
 * An unproven verdict is remembered with its start, so it never counts as "was reachable".
 *
 * <p>Only verdicts other than REACHABLE are remembered: a healthy region has a reachable path for
 * nearly every (client, floating IP), and remembering each of them cost a million entries for 2,000
 * clients and 500 file systems. A path not remembered of a file system judged before was reachable.
 * A same-VPC client has paths only to the file systems of its own VPC: one in another VPC is not a
 * path it declared, and judging it fired an UNREACHABLE per client and foreign file system. A client
 * that lists its file systems has paths to those only.
 */
public final class PathFindings {

    /**
     * The verdicts now, by path key, and their explanations, by finding subject (for closing lines), and
     * when an unverified path that is still within its grace must be judged again.
     */
    public record Walked(Map<String, PathMemory> memory, Map<String, String> explanations, Instant deadline) {

        public static Walked none() {
            return new Walked(Map.of(), Map.of(), null);
        }
    }

    private static final PathMemory REACHABLE = new PathMemory(PathVerdict.REACHABLE, null);

    private PathFindings() {
    }

    /**
     * Whether the client has paths to this file system at all: it targets it (or every file system), and a
     * same-VPC client sits in the file system's VPC (as declared, or as its subnet says).
     */
    public static boolean judged(RegionModel model, Scope scope, DeclaredClient client, FileSystemObservation fs) {
        return judged(RegionView.alone(model), scope, client, fs);
    }

    public static boolean judged(RegionView view, Scope scope, DeclaredClient client, FileSystemObservation fs) {
        RegionModel model = view.own();
        if (!client.appliesTo(scope) || !client.targets(fs.fileSystemId()) || !fs.multiAz()) {
            return false;
        }
        if (FileSystemEndpoints.of(model, fs).stream().noneMatch(e -> e.usedBy(client.endpoints()))) {
            return false;
        }
        if (client.via() != Via.SAME_VPC) {
            return true;
        }
        String vpc = client.vpcId() != null ? client.vpcId()
                : client.subnetId() == null ? null
                : view.subnet(client.subnetId()).map(sn -> sn.vpcId()).orElse(null);
        return vpc == null || fs.vpcId() == null || vpc.equals(fs.vpcId());
    }

    /** What one path judgement needs besides the model and the client. */
    public record Context(Map<String, PathMemory> before, boolean judgedBefore, Instant at, Duration unverifiedGrace,
            StalledFailover stalled, Function<String, Finding> open, FileSystemState cycle, Duration probeGrace) {
    }

    /**
     * One client's paths to every endpoint it uses of one file system (none when it has no business there).
     * An unproven path fires CLIENT_PATH_UNVERIFIED once it stayed unproven for the grace, and never ends a
     * firing unreachable or unsupported verdict: that one stays open, unchanged, until a proof replaces it.
     */
    public static Walked desired(Scope scope, RegionView view, DeclaredClient client, FileSystemObservation fs, Context ctx,
            Map<String, Finding> out) {
        RegionModel model = view.own();
        Map<String, PathMemory> memory = new TreeMap<>();
        Map<String, String> explanations = new TreeMap<>();
        if (fs == null || !judged(view, scope, client, fs)) {
            return new Walked(memory, explanations, null);
        }
        Instant at = ctx.at();
        Instant deadline = null;
        for (Endpoint endpoint : FileSystemEndpoints.of(model, fs)) {
            if (!endpoint.usedBy(client.endpoints())) {
                continue;
            }
            String ip = endpoint.ip();
            PathResult r = PathEvaluator.evaluate(view, fs, client, ip, ctx.stalled());
            String key = memoryKey(client, fs.fileSystemId(), ip);
            PathMemory prev = ctx.before().get(key);
            if (prev == null && ctx.judgedBefore()) {
                prev = REACHABLE;
            }
            String subject = subject(scope, client, fs.fileSystemId(), ip);
            explanations.put(subject, r.explanation());
            Map<String, String> labels = labels(scope, client, fs.fileSystemId(), endpoint);
            ProbeCorrelation.Judged probed = ProbeCorrelation.judge(model, client, fs, endpoint, r, ctx.cycle(), subject,
                    labels, at, ctx.probeGrace());
            probed.findings().forEach(f -> out.put(f.id(), f));
            if (probed.deadline() != null) {
                deadline = deadline == null || probed.deadline().isBefore(deadline) ? probed.deadline() : deadline;
            }
            if (r.verdict().unproven()) {
                boolean wasUnproven = prev != null && prev.verdict().unproven();
                Instant since = wasUnproven && prev.since() != null ? prev.since() : at;
                PathVerdict before = prev == null ? null : wasUnproven ? prev.previous() : prev.verdict();
                PathMemory now = new PathMemory(PathVerdict.UNVERIFIED, before, since);
                memory.put(key, now);
                Finding held = heldOpen(ctx.open(), subject);
                if (held != null) {
                    out.put(held.id(), held);
                } else if (!at.isBefore(since.plus(ctx.unverifiedGrace()))) {
                    Finding f = Finding.firing(FindingType.CLIENT_PATH_UNVERIFIED, subject, labels, since, at,
                            evidence(client, endpoint, r, now), r.explanation());
                    out.put(f.id(), f);
                } else {
                    Instant due = since.plus(ctx.unverifiedGrace());
                    deadline = deadline == null || due.isBefore(deadline) ? due : deadline;
                }
                continue;
            }
            PathMemory now = prev == null ? new PathMemory(r.verdict(), null)
                    : prev.verdict() == r.verdict() ? new PathMemory(prev.verdict(), prev.previous())
                    : new PathMemory(r.verdict(), prev.verdict());
            if (now.verdict() != PathVerdict.REACHABLE) {
                memory.put(key, now);
            }
            FindingType type = r.verdict() == PathVerdict.UNREACHABLE ? FindingType.CLIENT_PATH_UNREACHABLE
                    : r.verdict() == PathVerdict.UNSUPPORTED ? FindingType.CLIENT_PATH_UNSUPPORTED : null;
            if (type == null) {
                continue;
            }
            Map<String, String> evidence = evidence(client, endpoint, r, now);
            String message = r.explanation();
            if (probed.confirmation() != null && type == FindingType.CLIENT_PATH_UNREACHABLE) {
                // One page per cause: the probe's confirmation enriches the verdict's finding instead of paging again.
                evidence.put("probe", probed.confirmation());
                message = message + " (" + probed.confirmation() + ")";
            }
            Finding f = Finding.firing(type, subject, labels, at, at, evidence, message);
            out.put(f.id(), f);
        }
        return new Walked(memory, explanations, deadline);
    }

    /** A firing verdict on the path that an unproven one must not end. */
    private static Finding heldOpen(Function<String, Finding> open, String subject) {
        Finding unreachable = open.apply(Finding.idOf(FindingType.CLIENT_PATH_UNREACHABLE, subject));
        return unreachable != null ? unreachable : open.apply(Finding.idOf(FindingType.CLIENT_PATH_UNSUPPORTED, subject));
    }

    /** The key of a remembered verdict; its first part, up to the address, is {@link #memoryPrefix}. */
    static String memoryKey(DeclaredClient client, String fsId, String ip) {
        return memoryPrefix(client.name(), fsId) + ip;
    }

    public static String memoryPrefix(String clientName, String fsId) {
        return clientName + " " + fsId + " ";
    }

    public static String subject(Scope scope, DeclaredClient client, String fsId, String ip) {
        return scope.id() + "/client/" + client.name() + "/" + fsId + "/" + ip;
    }

    public static String closing(Finding open, Map<String, String> explanations) {
        String now = explanations.get(open.subject());
        return now != null ? "path verdict changed: " + now
                : "client " + open.labels().get(Labels.CLIENT) + " or the file system is no longer declared or observed";
    }

    private static Map<String, String> labels(Scope scope, DeclaredClient client, String fsId, Endpoint endpoint) {
        Map<String, String> labels = Subjects.fileSystemLabels(scope, fsId);
        if (endpoint.floating()) {
            labels.put(Labels.FLOATING_IP, endpoint.ip());
        }
        labels.put(Labels.ENDPOINT_IP, endpoint.ip());
        labels.put(Labels.ENDPOINT_KIND, endpoint.label(client.endpoints()));
        labels.put(Labels.CLIENT, client.name());
        return labels;
    }

    private static Map<String, String> evidence(DeclaredClient client, Endpoint endpoint, PathResult r, PathMemory memory) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("via", client.via().label());
        evidence.put("endpoint", endpoint.ip() + " (" + endpoint.label(client.endpoints()) + ", "
                + (endpoint.floating() ? "floating" : "ENI address") + ")");
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
        if (r.accounts().size() > 1) {
            evidence.put("accounts", String.join(",", r.accounts()));
        }
        return evidence;
    }
}
