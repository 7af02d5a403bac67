package io.floatwatch.testkit.aws;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A simulated Site-to-Site VPN connection; it ends on either a VGW or a TGW.
 *
 * @param staticRoutes destination CIDRs of static routes (only with staticRoutesOnly)
 */
public record SimVpnConnection(String vpnConnectionId, String state, String customerGatewayId, String vpnGatewayId,
        String transitGatewayId, boolean staticRoutesOnly, List<String> staticRoutes, List<Tunnel> tunnels) {

    /**
     * One tunnel: its options and its VgwTelemetry.
     *
     * @param status        {@code UP} or {@code DOWN}
     * @param statusMessage e.g. {@code 2 BGP ROUTES} or {@code IPSEC IS UP}
     */
    public record Tunnel(String outsideIpAddress, String insideCidr, String status, String statusMessage,
            Instant lastStatusChange, int acceptedRouteCount) {
        public Tunnel {
            Objects.requireNonNull(outsideIpAddress, "outsideIpAddress");
        }

        public Tunnel withStatus(String newStatus, String newMessage, Instant changedAt) {
            return new Tunnel(outsideIpAddress, insideCidr, newStatus, newMessage, changedAt, acceptedRouteCount);
        }
    }

    public SimVpnConnection {
        Objects.requireNonNull(vpnConnectionId, "vpnConnectionId");
        state = state == null ? "available" : state;
        staticRoutes = staticRoutes == null ? List.of() : List.copyOf(staticRoutes);
        tunnels = tunnels == null ? List.of() : List.copyOf(tunnels);
    }

    public SimVpnConnection withTunnels(List<Tunnel> newTunnels) {
        return new SimVpnConnection(vpnConnectionId, state, customerGatewayId, vpnGatewayId, transitGatewayId, staticRoutesOnly,
                staticRoutes, newTunnels);
    }
}
