package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** DescribeVpnConnections and DescribeVpnGateways: neither paginates. */
final class Ec2VpnOperations {

    private static final Map<String, Function<SimVpnConnection, List<String>>> VPN_FILTERS = Map.of(
            "vpn-connection-id", v -> List.of(v.vpnConnectionId()),
            "state", v -> List.of(v.state()),
            "vpn-gateway-id", v -> Ec2Operations.single(v.vpnGatewayId()),
            "transit-gateway-id", v -> Ec2Operations.single(v.transitGatewayId()));

    private static final Map<String, Function<SimVpnGateway, List<String>>> VGW_FILTERS = Map.of(
            "vpn-gateway-id", g -> List.of(g.vpnGatewayId()),
            "state", g -> List.of(g.state()),
            "attachment.vpc-id", SimVpnGateway::attachedVpcIds);

    String describeVpnConnections(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimVpnConnection> vpns = region.vpnConnections();
        List<String> ids = query.list("VpnConnectionId");
        if (!ids.isEmpty()) {
            vpns = Ec2Operations.byIds(vpns, SimVpnConnection::vpnConnectionId, ids, "InvalidVpnConnectionID.NotFound", "vpn connection");
        }
        vpns = Ec2Protocol.filter(vpns, query.filters(), VPN_FILTERS);
        XmlWriter xml = new XmlWriter().open("DescribeVpnConnectionsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("vpnConnectionSet");
        for (SimVpnConnection vpn : vpns) {
            xml.open("item")
                    .leaf("vpnConnectionId", vpn.vpnConnectionId())
                    .leaf("customerGatewayId", vpn.customerGatewayId())
                    .leaf("category", "VPN")
                    .leaf("state", vpn.state())
                    .leaf("type", "ipsec.1")
                    .leaf("vpnGatewayId", vpn.vpnGatewayId())
                    .leaf("transitGatewayId", vpn.transitGatewayId())
                    .open("options")
                    .leaf("enableAcceleration", false)
                    .leaf("staticRoutesOnly", vpn.staticRoutesOnly())
                    .leaf("localIpv4NetworkCidr", "0.0.0.0/0")
                    .leaf("remoteIpv4NetworkCidr", "0.0.0.0/0")
                    .leaf("tunnelInsideIpVersion", "ipv4")
                    .open("tunnelOptionSet");
            for (SimVpnConnection.Tunnel t : vpn.tunnels()) {
                xml.open("item").leaf("outsideIpAddress", t.outsideIpAddress()).leaf("tunnelInsideCidr", t.insideCidr()).close("item");
            }
            xml.close("tunnelOptionSet").close("options").open("routes");
            for (String destination : vpn.staticRoutes()) {
                xml.open("item").leaf("destinationCidrBlock", destination).leaf("source", "Static").leaf("state", "available").close("item");
            }
            xml.close("routes").open("vgwTelemetry");
            for (SimVpnConnection.Tunnel t : vpn.tunnels()) {
                xml.open("item")
                        .leaf("outsideIpAddress", t.outsideIpAddress())
                        .leaf("status", t.status())
                        .leaf("lastStatusChange", t.lastStatusChange())
                        .leaf("statusMessage", t.statusMessage())
                        .leaf("acceptedRouteCount", t.acceptedRouteCount())
                        .close("item");
            }
            xml.close("vgwTelemetry").open("tagSet").close("tagSet").close("item");
        }
        return xml.close("vpnConnectionSet").close("DescribeVpnConnectionsResponse").toString();
    }

    String describeVpnGateways(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimVpnGateway> vgws = region.vpnGateways();
        List<String> ids = query.list("VpnGatewayId");
        if (!ids.isEmpty()) {
            vgws = Ec2Operations.byIds(vgws, SimVpnGateway::vpnGatewayId, ids, "InvalidVpnGatewayID.NotFound", "vpn gateway");
        }
        vgws = Ec2Protocol.filter(vgws, query.filters(), VGW_FILTERS);
        XmlWriter xml = new XmlWriter().open("DescribeVpnGatewaysResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("vpnGatewaySet");
        for (SimVpnGateway g : vgws) {
            xml.open("item")
                    .leaf("vpnGatewayId", g.vpnGatewayId())
                    .leaf("state", g.state())
                    .leaf("type", "ipsec.1")
                    .open("attachments");
            g.attachedVpcIds().forEach(vpc -> xml.open("item").leaf("vpcId", vpc).leaf("state", "attached").close("item"));
            xml.close("attachments").leaf("amazonSideAsn", g.amazonSideAsn()).open("tagSet").close("tagSet").close("item");
        }
        return xml.close("vpnGatewaySet").close("DescribeVpnGatewaysResponse").toString();
    }
}
