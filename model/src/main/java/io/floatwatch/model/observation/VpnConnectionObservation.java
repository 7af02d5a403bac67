package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A Site-to-Site VPN connection with its two tunnels, as DescribeVpnConnections reports them.
 *
 * @param vpnGatewayId     set when it ends on a virtual private gateway (floating IPs unreachable)
 * @param transitGatewayId set when it ends on a Transit Gateway (floating IPs reachable)
 * @param staticRoutesOnly static routing; otherwise BGP
 * @param staticRoutes     destination CIDRs of the static routes
 */
public record VpnConnectionObservation(
        Scope scope,
        Instant observedAt,
        String vpnConnectionId,
        String state,
        String customerGatewayId,
        String vpnGatewayId,
        String transitGatewayId,
        boolean staticRoutesOnly,
        List<String> staticRoutes,
        List<Tunnel> tunnels) implements Observation {

    /**
     * One tunnel: VgwTelemetry plus the options that matter.
     *
     * @param status             {@code UP} or {@code DOWN}
     * @param statusMessage      e.g. {@code 2 BGP ROUTES}, or {@code IPSEC IS UP} (BGP down)
     * @param insideCidr         e.g. {@code 169.254.10.0/30}
     * @param maintenance        pending tunnel replacement or maintenance, if known (null when not)
     */
    public record Tunnel(
            String outsideIpAddress,
            String status,
            String statusMessage,
            Instant lastStatusChange,
            Integer acceptedRouteCount,
            String insideCidr,
            Long customerBgpAsn,
            String maintenance) {
    }

    public VpnConnectionObservation {
        staticRoutes = staticRoutes == null ? List.of() : List.copyOf(staticRoutes);
        tunnels = tunnels == null ? List.of() : List.copyOf(tunnels);
    }

    @Override
    public String resourceId() {
        return vpnConnectionId;
    }
}
