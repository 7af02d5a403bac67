package io.floatwatch.analyzer.core.vpn;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * VPN_TUNNEL_FLAPPING: state changes per tunnel counted in a sliding window of event time. A change
 * is a new status, or a newer lastStatusChange with the same status (it went and came back between
 * two polls); it is dated by AWS's change time when known.
 */
public final class TunnelFlapping {

    private TunnelFlapping() {
    }

    /** The updated memory for the tunnels of one connection; also adds its flapping findings to {@code out}. */
    public static Map<String, TunnelMemory> step(Scope scope, VpnConnectionObservation vpn, Map<String, TunnelMemory> before,
            Instant at, RulePolicy policy, Map<String, Finding> out) {
        Map<String, TunnelMemory> next = new java.util.LinkedHashMap<>();
        Instant windowStart = at.minus(policy.flapWindow());
        for (Tunnel t : vpn.tunnels()) {
            if (t.outsideIpAddress() == null) {
                continue;
            }
            TunnelMemory prev = before.get(t.outsideIpAddress());
            List<Instant> changes = new ArrayList<>(prev == null ? List.of() : prev.changes());
            if (prev != null) {
                boolean statusChanged = !Objects.equals(prev.status(), t.status());
                boolean timeMoved = t.lastStatusChange() != null && prev.lastStatusChange() != null
                        && t.lastStatusChange().isAfter(prev.lastStatusChange());
                if (statusChanged || timeMoved) {
                    Instant when = t.lastStatusChange() != null && !t.lastStatusChange().isAfter(at)
                            && (prev.lastStatusChange() == null || t.lastStatusChange().isAfter(prev.lastStatusChange()))
                            ? t.lastStatusChange() : at;
                    changes.add(when);
                }
            }
            changes.removeIf(c -> c.isBefore(windowStart));
            changes.sort(null);
            next.put(t.outsideIpAddress(), new TunnelMemory(t.status(), t.lastStatusChange(), changes,
                    prev == null ? at : prev.firstSeen()));
            if (changes.size() >= policy.flapThreshold()) {
                Finding f = VpnFindings.tunnelFinding(scope, vpn, t, FindingType.VPN_TUNNEL_FLAPPING, at,
                        vpn.vpnConnectionId() + " tunnel " + t.outsideIpAddress() + " is flapping: "
                                + changes.size() + "+ state changes within " + HumanDuration.format(policy.flapWindow()));
                Map<String, String> evidence = new java.util.LinkedHashMap<>(f.evidence());
                // Not the exact count: it moves with every change and would re-notify each time.
                evidence.put("threshold", Integer.toString(policy.flapThreshold()));
                evidence.put("window_seconds", Long.toString(policy.flapWindow().getSeconds()));
                evidence.remove("status");
                evidence.remove("status_message");
                VpnFindings.put(out, new Finding(f.id(), f.type(), f.severity(), f.status(), f.subject(), f.labels(),
                        changes.get(policy.flapThreshold() - 1), null, at, evidence,
                        vpn.vpnConnectionId() + " tunnel " + t.outsideIpAddress() + " is flapping: at least "
                                + policy.flapThreshold() + " state changes within " + HumanDuration.format(policy.flapWindow()),
                        f.runbook()));
            }
        }
        return next;
    }
}
