package io.floatwatch.analyzer.core.probe;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Endpoint;
import io.floatwatch.analyzer.core.path.PathResult;
import io.floatwatch.analyzer.core.path.PathVerdict;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.ProbeObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a client's probe says about one endpoint, compared with the path verdict floatwatch derived from the control
 * plane (one client, one file system, one address, every port the probe tries there):
 *
 * <ul>
 *   <li>path works, probe fails: PROBE_BLOCKED_PATH_OK, naming the layers routes do not show;</li>
 *   <li>path unreachable, probe fails: the CLIENT_PATH_UNREACHABLE finding says it is confirmed (one page per cause);</li>
 *   <li>path unreachable or unsupported, probe connects: PROBE_MODEL_DISAGREES, with the hops floatwatch believed;</li>
 *   <li>probe silent for three heartbeats: PROBE_SILENT, and its last outcome counts for nothing.</li>
 * </ul>
 *
 * Failures while a failover or failback of the file system is under way, or settling ({@link ProbeWindow}), are that
 * move's outage and no finding; so is a failed streak younger than the probe grace ({@link RulePolicy#probeGrace}).
 */
public final class ProbeCorrelation {

    /** What the probes of one endpoint add: findings, an evidence line for the verdict's own finding, a deadline. */
    public record Judged(List<Finding> findings, String confirmation, Instant deadline) {
    }

    private ProbeCorrelation() {
    }

    public static Judged judge(RegionModel model, DeclaredClient client, FileSystemObservation fs, Endpoint endpoint,
            PathResult path, FileSystemState cycle, String subject, Map<String, String> labels, Instant at,
            java.time.Duration grace) {
        model.read(ProbeWindow.key(fs.fileSystemId()));
        List<ProbeObservation> all = model.probes(client.name(), fs.fileSystemId(), endpoint.ip());
        if (all.isEmpty()) {
            return new Judged(List.of(), null, null);
        }
        List<Finding> out = new ArrayList<>();
        Instant deadline = null;
        List<ProbeObservation> fresh = new ArrayList<>();
        List<ProbeObservation> silent = new ArrayList<>();
        for (ProbeObservation p : all) {
            if (at.isBefore(p.staleAt())) {
                fresh.add(p);
                deadline = earliest(deadline, p.staleAt());
            } else {
                silent.add(p);
            }
        }
        if (!silent.isEmpty()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("ports", ports(silent));
            evidence.put("last_heard", silent.stream().map(p -> p.port() + " " + p.observedAt()).collect(Collectors.joining(", ")));
            Instant since = silent.stream().map(ProbeObservation::staleAt).min(Instant::compareTo).orElse(at);
            out.add(Finding.firing(FindingType.PROBE_SILENT, subject, labels, since, at, evidence, "the probe from "
                    + client.name() + " to " + endpoint.ip() + " (" + ports(silent) + ") has been silent since "
                    + silent.stream().map(ProbeObservation::observedAt).max(Instant::compareTo).orElse(at)
                    + ": what the client feels is unknown, not healthy"));
        }
        List<ProbeObservation> failing = fresh.stream().filter(p -> !p.outcome().connected()).toList();
        List<ProbeObservation> connected = fresh.stream().filter(p -> p.outcome().connected()).toList();
        PathVerdict verdict = path.verdict();
        // One port connecting proves the network path, whatever the others say: that contradicts the verdict.
        if ((verdict == PathVerdict.UNREACHABLE || verdict == PathVerdict.UNSUPPORTED) && !connected.isEmpty()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("verdict", verdict.label());
            evidence.put("probe", outcomes(connected));
            evidence.put("believed_hops", String.join(" | ", path.hops()));
            if (path.failedHop() != null) {
                evidence.put("believed_failed_hop", path.failedHop());
            }
            Instant since = connected.stream().map(ProbeObservation::since).min(Instant::compareTo).orElse(at);
            out.add(Finding.firing(FindingType.PROBE_MODEL_DISAGREES, subject, labels, since, at, evidence,
                    "the probe from " + client.name() + " connects to " + endpoint.ip() + " (" + ports(connected)
                            + ") although floatwatch judges the path " + verdict.label() + ": its model of the path is"
                            + " wrong somewhere; believed hops: " + String.join(" | ", path.hops())));
            return new Judged(out, null, deadline);
        }
        if (verdict == PathVerdict.UNREACHABLE && !failing.isEmpty()) {
            return new Judged(out, "confirmed by the probe from " + client.name() + ": " + outcomes(failing), deadline);
        }
        if (!verdict.works() || failing.isEmpty()) {
            return new Judged(out, null, deadline);
        }
        Instant quiet = ProbeWindow.quietUntil(cycle, at, grace.plus(grace.dividedBy(2)));
        if (quiet != null) {
            // The failover's (or failback's) outage being measured; judged again once the move settled.
            return new Judged(out, null, quiet == Instant.MAX ? deadline : earliest(deadline, quiet));
        }
        Instant streak = failing.stream().map(p -> p.outageStart() != null ? p.outageStart() : p.since())
                .min(Instant::compareTo).orElse(at);
        Instant judgeable = streak.plus(grace);
        if (at.isBefore(judgeable)) {
            return new Judged(out, null, earliest(deadline, judgeable));
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("verdict", verdict.label());
        evidence.put("probe", outcomes(failing));
        evidence.put("likely_layers", layers(failing));
        String enis = enis(model, fs);
        if (!enis.isEmpty()) {
            evidence.put("file_system_enis", enis);
        }
        if (client.subnetId() != null) {
            evidence.put("client_subnet", client.subnetId());
        }
        evidence.put("hops", String.join(" | ", path.hops()));
        out.add(Finding.firing(FindingType.PROBE_BLOCKED_PATH_OK, subject, labels, streak, at, evidence,
                "client " + client.name() + " cannot open " + outcomes(failing) + " to " + endpoint.ip() + " of "
                        + fs.fileSystemId() + " although its routes and the way back are right: " + layers(failing)));
        return new Judged(out, null, deadline);
    }

    /**
     * One page per cause: where the rules already see a security group or network ACL stop a port of the same
     * client and endpoint (ENDPOINT_PORT_BLOCKED, which names the rule and its fix), the probe's failing handshake is
     * that cause felt, not a second page.
     */
    public static void leaveToBlockedPorts(Map<String, Finding> desired) {
        List<String> blockedPaths = desired.values().stream().filter(f -> f.type() == FindingType.ENDPOINT_PORT_BLOCKED)
                .map(Finding::subject).toList();
        desired.values().removeIf(f -> f.type() == FindingType.PROBE_BLOCKED_PATH_OK
                && blockedPaths.stream().anyMatch(port -> port.startsWith(f.subject() + "/")));
    }

    /**
     * The layers that can fail a handshake the routes allow, by how it failed: a silent drop is a security group, a
     * network ACL, ARP or a dropping host firewall; a reset comes from the host (nothing listening, or a rejecting
     * firewall); no route is the client host's own routing.
     */
    static String layers(List<ProbeObservation> failing) {
        List<String> out = new ArrayList<>();
        if (failing.stream().anyMatch(p -> p.outcome() == io.floatwatch.model.observation.ProbeOutcome.TIMEOUT)) {
            out.add("timeouts: a security group of the file system's ENIs (inbound) or of the client (outbound), a"
                    + " network ACL of either subnet (both directions, ephemeral ports for the reply), ARP, or a host"
                    + " firewall that drops");
        }
        if (failing.stream().anyMatch(p -> p.outcome() == io.floatwatch.model.observation.ProbeOutcome.REFUSED)) {
            out.add("refused: the server does not listen on the port, or a host firewall rejects");
        }
        if (failing.stream().anyMatch(p -> p.outcome() == io.floatwatch.model.observation.ProbeOutcome.NO_ROUTE)) {
            out.add("no route: the client host's own routing table or an ICMP unreachable on the way");
        }
        return String.join("; ", out);
    }

    private static String enis(RegionModel model, FileSystemObservation fs) {
        List<String> out = new ArrayList<>();
        for (String eniId : fs.networkInterfaceIds()) {
            String subnet = model.networkInterface(eniId).map(NetworkInterfaceObservation::subnetId).orElse(null);
            out.add(subnet == null ? eniId : eniId + " in " + subnet);
        }
        return String.join(", ", out);
    }

    private static String outcomes(List<ProbeObservation> probes) {
        return probes.stream().map(p -> "TCP " + p.port() + " " + p.outcome().label() + " since " + p.since())
                .collect(Collectors.joining(", "));
    }

    private static String ports(List<ProbeObservation> probes) {
        return probes.stream().map(p -> "TCP " + p.port()).collect(Collectors.joining(", "));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }
}
