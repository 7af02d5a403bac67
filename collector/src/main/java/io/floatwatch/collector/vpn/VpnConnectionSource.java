package io.floatwatch.collector.vpn;

import io.floatwatch.collector.source.Source;
import io.floatwatch.collector.source.Sources;
import io.floatwatch.collector.aws.AwsCalls;
import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnStaticRoute;

/**
 * Site-to-Site VPN connections with per-tunnel VgwTelemetry and options (DescribeVpnConnections:
 * free, and not paginated, so one call per scope). Telemetry and options are joined by the
 * tunnel's outside IP, which is also the CloudWatch TunnelIpAddress dimension.
 *
 * <p>Not read: the customer gateway's BGP ASN (DescribeCustomerGateways) and tunnel maintenance
 * (GetVpnTunnelReplacementStatus, one call per tunnel); both stay null in the observation.
 */
public final class VpnConnectionSource implements Source<List<VpnConnection>> {

    public static final String NAME = "vpn.connections";
    public static final String OPERATION = "DescribeVpnConnections";

    private final AwsClients clients;

    public VpnConnectionSource(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VpnConnection> fetch(Scope scope) {
        return AwsCalls.call(OPERATION, () -> clients.ec2(scope).describeVpnConnections().vpnConnections());
    }

    @Override
    public List<Observation> map(Scope scope, List<VpnConnection> vpns, Instant observedAt) {
        return Sources.mapEach(OPERATION, vpns, VpnConnection::vpnConnectionId, v -> (Observation) map(scope, v, observedAt));
    }

    static VpnConnectionObservation map(Scope scope, VpnConnection vpn, Instant observedAt) {
        Objects.requireNonNull(vpn.vpnConnectionId(), "vpnConnectionId");
        Map<String, TunnelOption> options = new LinkedHashMap<>();
        if (vpn.options() != null) {
            vpn.options().tunnelOptions().forEach(o -> options.put(o.outsideIpAddress(), o));
        }
        List<VpnConnectionObservation.Tunnel> tunnels = new ArrayList<>();
        for (VgwTelemetry t : vpn.vgwTelemetry()) {
            TunnelOption o = options.remove(t.outsideIpAddress());
            tunnels.add(new VpnConnectionObservation.Tunnel(t.outsideIpAddress(), t.statusAsString(), t.statusMessage(),
                    t.lastStatusChange(), t.acceptedRouteCount(), o == null ? null : o.tunnelInsideCidr(), null, null));
        }
        // A tunnel with options but no telemetry yet (e.g. just created) is still a tunnel.
        options.values().forEach(o -> tunnels.add(new VpnConnectionObservation.Tunnel(o.outsideIpAddress(), null, null, null, null,
                o.tunnelInsideCidr(), null, null)));
        boolean staticOnly = vpn.options() != null && Boolean.TRUE.equals(vpn.options().staticRoutesOnly());
        return new VpnConnectionObservation(scope, observedAt, vpn.vpnConnectionId(), vpn.stateAsString(), vpn.customerGatewayId(),
                vpn.vpnGatewayId(), vpn.transitGatewayId(), staticOnly,
                vpn.routes().stream().map(VpnStaticRoute::destinationCidrBlock).toList(), tunnels);
    }
}
