package io.floatwatch.analyzer.core.vpn;

import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Per tunnel and per connection: VPN_TUNNEL_DOWN, VPN_BGP_DOWN, VPN_NO_ROUTES_ACCEPTED,
 * VPN_REDUNDANCY_LOST and VPN_PATH_LOST.
 *
 * <p>Tunnel findings are informational; the connection finding carries the consequence. A tunnel
 * down while its twin (or a partner connection) still carries traffic is lost redundancy; every
 * tunnel down is a lost path. Partners are connections on the same gateway with the same customer
 * ASN (dynamic) or the same static routes: two connections to the same site.
 */
public final class VpnFindings {

    private VpnFindings() {
    }

    /** The findings of one connection; its partners are read only while one of its tunnels is down. */
    public static void desired(Scope scope, RegionModel model, VpnConnectionObservation vpn, Instant at, Map<String, Finding> out) {
        if (!live(vpn)) {
            return;
        }
        int up = 0;
        List<String> downIps = new ArrayList<>();
        for (Tunnel t : vpn.tunnels()) {
            TunnelCondition c = TunnelCondition.of(vpn, t);
            if (c == TunnelCondition.UP) {
                up++;
                if (!vpn.staticRoutesOnly() && t.acceptedRouteCount() != null && t.acceptedRouteCount() == 0) {
                    put(out, tunnelFinding(scope, vpn, t, FindingType.VPN_NO_ROUTES_ACCEPTED, at,
                            vpn.vpnConnectionId() + " tunnel " + t.outsideIpAddress()
                                    + " has BGP up but AWS accepted 0 routes from the customer gateway"));
                }
            } else {
                downIps.add(t.outsideIpAddress());
                FindingType type = c == TunnelCondition.IPSEC_UP_BGP_DOWN ? FindingType.VPN_BGP_DOWN
                        : FindingType.VPN_TUNNEL_DOWN;
                put(out, tunnelFinding(scope, vpn, t, type, at, vpn.vpnConnectionId() + " tunnel "
                        + t.outsideIpAddress() + " is " + c.describe() + " (" + (t.statusMessage() == null ? ""
                                : t.statusMessage()) + ")" + maintenance(t)));
            }
        }
        if (vpn.tunnels().isEmpty() || downIps.isEmpty()) {
            return;
        }
        List<VpnConnectionObservation> sameGateway = gateway(vpn) == null ? model.vpnConnections()
                : model.vpnConnectionsOn(gateway(vpn));
        List<String> partnersUp = sameGateway.stream().filter(VpnFindings::live)
                .filter(o -> !o.vpnConnectionId().equals(vpn.vpnConnectionId()) && partners(o, vpn))
                .filter(o -> o.tunnels().stream().anyMatch(t -> TunnelCondition.of(o, t) == TunnelCondition.UP))
                .map(VpnConnectionObservation::vpnConnectionId).toList();
        Map<String, String> evidence = connectionEvidence(vpn, downIps);
        if (up > 0) {
            evidence.put("lost", "tunnel");
            put(out, connectionFinding(scope, vpn, FindingType.VPN_REDUNDANCY_LOST, at, evidence,
                    vpn.vpnConnectionId() + " runs on " + up + " of " + vpn.tunnels().size() + " tunnels; down: "
                            + String.join(", ", downIps) + routing(vpn)));
        } else if (!partnersUp.isEmpty()) {
            evidence.put("lost", "connection");
            evidence.put("partners_up", String.join(",", partnersUp));
            put(out, connectionFinding(scope, vpn, FindingType.VPN_REDUNDANCY_LOST, at, evidence,
                    vpn.vpnConnectionId() + " is down on every tunnel; traffic to the same site now depends on "
                            + String.join(", ", partnersUp) + " alone" + routing(vpn)));
        } else {
            put(out, connectionFinding(scope, vpn, FindingType.VPN_PATH_LOST, at, evidence,
                    vpn.vpnConnectionId() + " is down on all " + vpn.tunnels().size() + " tunnels ("
                            + String.join(", ", downIps) + ") and no partner connection is up: the path to "
                            + gateway(vpn) + " is lost" + routing(vpn)));
        }
    }

    /** Connections being created or deleted are not judged. */
    static boolean live(VpnConnectionObservation vpn) {
        return vpn.state() == null || "available".equals(vpn.state());
    }

    /** Two connections to the same site over the same gateway. */
    static boolean partners(VpnConnectionObservation a, VpnConnectionObservation b) {
        if (!Objects.equals(gateway(a), gateway(b)) || a.staticRoutesOnly() != b.staticRoutesOnly()) {
            return false;
        }
        if (a.staticRoutesOnly()) {
            return !a.staticRoutes().isEmpty() && new TreeSet<>(a.staticRoutes()).equals(new TreeSet<>(b.staticRoutes()));
        }
        Long asnA = customerAsn(a);
        return asnA != null && asnA.equals(customerAsn(b));
    }

    static String gateway(VpnConnectionObservation vpn) {
        return vpn.transitGatewayId() != null ? vpn.transitGatewayId() : vpn.vpnGatewayId();
    }

    private static Long customerAsn(VpnConnectionObservation vpn) {
        return vpn.tunnels().stream().map(Tunnel::customerBgpAsn).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String routing(VpnConnectionObservation vpn) {
        return vpn.staticRoutesOnly() ? " (static routing)" : " (BGP)";
    }

    private static String maintenance(Tunnel t) {
        return t.maintenance() == null || t.maintenance().isBlank() ? "" : "; tunnel maintenance: " + t.maintenance();
    }

    private static Map<String, String> connectionEvidence(VpnConnectionObservation vpn, List<String> downIps) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("vpn_id", vpn.vpnConnectionId());
        evidence.put("gateway", String.valueOf(gateway(vpn)));
        evidence.put("routing", vpn.staticRoutesOnly() ? "static" : "dynamic");
        evidence.put("tunnel_ips", String.join(",", vpn.tunnels().stream().map(Tunnel::outsideIpAddress).toList()));
        evidence.put("tunnels_down", String.join(",", downIps));
        return evidence;
    }

    private static Finding connectionFinding(Scope scope, VpnConnectionObservation vpn, FindingType type, Instant at,
            Map<String, String> evidence, String summary) {
        Map<String, String> labels = scopeLabels(scope);
        labels.put(Labels.VPN_ID, vpn.vpnConnectionId());
        return Finding.firing(type, scope.id() + "/" + vpn.vpnConnectionId(), labels, at, at, evidence, summary);
    }

    static Finding tunnelFinding(Scope scope, VpnConnectionObservation vpn, Tunnel t, FindingType type, Instant at,
            String summary) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("vpn_id", vpn.vpnConnectionId());
        evidence.put("tunnel_ip", t.outsideIpAddress());
        evidence.put("status", String.valueOf(t.status()));
        evidence.put("status_message", t.statusMessage() == null ? "" : t.statusMessage());
        evidence.put("routing", vpn.staticRoutesOnly() ? "static" : "dynamic");
        if (t.acceptedRouteCount() != null) {
            evidence.put("accepted_route_count", Integer.toString(t.acceptedRouteCount()));
        }
        if (t.maintenance() != null && !t.maintenance().isBlank()) {
            evidence.put("maintenance", t.maintenance());
        }
        // The change time is when the condition began, as far as AWS knows.
        Instant since = t.lastStatusChange() != null && !t.lastStatusChange().isAfter(at) ? t.lastStatusChange() : at;
        return Finding.firing(type, tunnelSubject(scope, vpn, t), tunnelLabels(scope, vpn, t), since, at, evidence, summary);
    }

    static String tunnelSubject(Scope scope, VpnConnectionObservation vpn, Tunnel t) {
        return scope.id() + "/" + vpn.vpnConnectionId() + "/" + t.outsideIpAddress();
    }

    static Map<String, String> tunnelLabels(Scope scope, VpnConnectionObservation vpn, Tunnel t) {
        Map<String, String> labels = scopeLabels(scope);
        labels.put(Labels.VPN_ID, vpn.vpnConnectionId());
        labels.put(Labels.TUNNEL_IP, t.outsideIpAddress());
        return labels;
    }

    public static Map<String, String> scopeLabels(Scope scope) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.ACCOUNT, scope.account());
        labels.put(Labels.REGION, scope.region());
        return labels;
    }

    public static void put(Map<String, Finding> out, Finding f) {
        out.put(f.id(), f);
    }
}
