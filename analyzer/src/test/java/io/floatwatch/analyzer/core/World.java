package io.floatwatch.analyzer.core;

import static io.floatwatch.analyzer.core.Fixture.SCOPE;

import io.floatwatch.analyzer.core.lint.CoverageLint;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.vpn.VpnPropagation;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TransitGatewayAttachmentObservation;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation.TgwRoute;
import io.floatwatch.model.observation.TransitGatewayRouteTableObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpcPeeringObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builders for the region around {@link Fixture}'s file system: vpc-1 (10.0.0.0/16) with the file
 * system subnets subnet-1a (10.0.1.0/24, table rtb-1) and subnet-1c (10.0.2.0/24, table rtb-2), a
 * client VPC vpc-2 (10.1.0.0/16), TGW tgw-1, VPNs and CloudWatch tunnel states.
 */
public final class World {

    public static final Map<String, String> FSX_TAG = Map.of(CoverageLint.TAG_KEY, CoverageLint.TAG_VALUE);

    private World() {
    }

    public static Route r(String destination, String target) {
        return new Route(destination, target, Route.ACTIVE, "CreateRoute");
    }

    public static Route propagated(String destination, String vgw) {
        return new Route(destination, vgw, Route.ACTIVE, VpnPropagation.PROPAGATED);
    }

    public static RouteTableObservation rtb(String id, String vpc, boolean main, List<String> subnets, Map<String, String> tags,
            Instant at, Route... routes) {
        List<Route> all = new ArrayList<>();
        all.add(new Route(vpc.equals("vpc-2") ? "10.1.0.0/16" : "10.0.0.0/16", "local", Route.ACTIVE, "CreateRouteTable"));
        all.addAll(List.of(routes));
        return new RouteTableObservation(SCOPE, at, id, vpc, main, subnets, all, tags);
    }

    /** rtb-1 (subnet-1a) and rtb-2 (subnet-1c) with the floating route on {@code eni} plus {@code extra} routes. */
    public static RouteTableObservation[] fsTables(String eni, Instant at, Route... extra) {
        List<Route> routes = new ArrayList<>(List.of(extra));
        routes.add(0, r(Fixture.IP + "/32", eni));
        return new RouteTableObservation[] {
            rtb("rtb-1", "vpc-1", true, List.of("subnet-1a"), FSX_TAG, at, routes.toArray(Route[]::new)),
            rtb("rtb-2", "vpc-1", false, List.of("subnet-1c"), FSX_TAG, at, routes.toArray(Route[]::new))};
    }

    public static VpcObservation vpc(String id, Instant at, String... cidrs) {
        return new VpcObservation(SCOPE, at, id, Fixture.SCOPE.account(), List.of(cidrs));
    }

    public static SubnetObservation subnet(String id, String vpc, String cidr, Instant at) {
        return new SubnetObservation(SCOPE, at, id, vpc, cidr, "ap-northeast-1a", 200);
    }

    public static NetworkInterfaceObservation eniWithIps(String id, String subnet, Instant at, String... ips) {
        return new NetworkInterfaceObservation(SCOPE, at, id, subnet, "vpc-1", "ap-northeast-1a", "interface",
                "ENI for FSx", List.of(ips));
    }

    public static TransitGatewayAttachmentObservation attachment(String id, String type, String resource, String tgwRtb,
            Instant at, String... subnets) {
        return new TransitGatewayAttachmentObservation(SCOPE, at, id, "tgw-1", type, resource, SCOPE.account(),
                "available", tgwRtb, List.of(subnets));
    }

    public static TgwRoute tgwRoute(String destination, String attachment) {
        return new TgwRoute(destination, "static", "active", List.of(attachment));
    }

    public static TransitGatewayRouteTableObservation tgwTable(String id, List<String> searched, Instant at, TgwRoute... routes) {
        return new TransitGatewayRouteTableObservation(SCOPE, at, id, "tgw-1", List.of(), List.of(), searched,
                List.of(routes), false);
    }

    public static Tunnel up(String ip, int routes, Instant changed) {
        return new Tunnel(ip, "UP", routes + " BGP ROUTES", changed, routes, "169.254.10.0/30", 65000L, null);
    }

    public static Tunnel ipsecOnly(String ip, Instant changed) {
        return new Tunnel(ip, "DOWN", "IPSEC IS UP", changed, 0, "169.254.10.4/30", 65000L, null);
    }

    public static Tunnel down(String ip, Instant changed) {
        return new Tunnel(ip, "DOWN", "", changed, 0, "169.254.10.8/30", 65000L, null);
    }

    public static VpnConnectionObservation vpnOnVgw(String id, Instant at, Tunnel... tunnels) {
        return new VpnConnectionObservation(SCOPE, at, id, "available", "cgw-1", "vgw-1", null, false, List.of(),
                List.of(tunnels));
    }

    public static VpnConnectionObservation vpnOnTgw(String id, Instant at, Tunnel... tunnels) {
        return new VpnConnectionObservation(SCOPE, at, id, "available", "cgw-1", null, "tgw-1", false, List.of(),
                List.of(tunnels));
    }

    public static VpnConnectionObservation staticVpn(String id, Instant at, Tunnel... tunnels) {
        return new VpnConnectionObservation(SCOPE, at, id, "available", "cgw-9", "vgw-1", null, true,
                List.of("10.1.0.0/16"), List.of(tunnels));
    }

    public static VpnGatewayObservation vgw(Instant at) {
        return new VpnGatewayObservation(SCOPE, at, "vgw-1", "available", 64512L, List.of("vpc-1"));
    }

    public static TunnelStateObservation cloudWatch(String ip, String vpn, Double value, Instant datapoint, Instant at) {
        return new TunnelStateObservation(SCOPE, at, ip, vpn, value, datapoint);
    }

    public static VpcPeeringObservation peering(Instant at) {
        return new VpcPeeringObservation(SCOPE, at, "pcx-1", "active",
                new VpcPeeringObservation.Side(SCOPE.account(), SCOPE.region(), "vpc-2", List.of("10.1.0.0/16")),
                new VpcPeeringObservation.Side(SCOPE.account(), SCOPE.region(), "vpc-1", List.of("10.0.0.0/16")));
    }

    public static FileSystemObservation fileSystem(Instant at, String range, String weekly,
            io.floatwatch.model.observation.AdministrativeAction... actions) {
        FileSystemObservation base = Fixture.fileSystem(at, actions);
        return new FileSystemObservation(base.scope(), at, base.fileSystemId(), base.fileSystemType(),
                base.deploymentType(), base.lifecycle(), base.vpcId(), range, base.floatingIps(), base.routeTableIds(),
                base.subnetIds(), base.preferredSubnetId(), base.networkInterfaceIds(), base.throughputCapacity(), weekly,
                base.administrativeActions());
    }

    public static DeclaredClient client(String name, Via via, String cidr, String subnet, String vpc) {
        return new DeclaredClient(name, null, null, cidr, via, subnet, vpc, null);
    }
}
