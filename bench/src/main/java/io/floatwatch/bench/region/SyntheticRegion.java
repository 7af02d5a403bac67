package io.floatwatch.bench.region;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The estate of issue 7 as observations of one region: 50,000 route tables, 2,000 VPN tunnels
 * (1,000 connections, each with its CloudWatch TunnelState per tunnel), 500 Multi-AZ file systems
 * with 2 ENIs each (one VPC with two subnets per file system), and 2,000 declared clients.
 *
 * <p>Every file system sits in its own VPC with {@link #TABLES_PER_VPC} route tables, of which
 * {@link #MANAGED_TABLES_PER_FILE_SYSTEM} are in its RouteTableIds and carry the floating /32.
 * Ids are deterministic, so every run sees the same region.
 */
public final class SyntheticRegion {

    public static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    public static final int ROUTE_TABLES = 50_000;
    public static final int FILE_SYSTEMS = 500;
    public static final int VPN_CONNECTIONS = 1_000;
    public static final int TUNNELS = 2 * VPN_CONNECTIONS;
    public static final int DECLARED_CLIENTS = 2_000;
    public static final int TABLES_PER_VPC = ROUTE_TABLES / FILE_SYSTEMS;
    public static final int MANAGED_TABLES_PER_FILE_SYSTEM = 4;
    /**
     * When every tunnel last changed state. Fixed, as VgwTelemetry reports it: a LastStatusChange that
     * moved with every poll would be a flap per poll, not an unchanged tunnel.
     */
    public static final Instant TUNNELS_UP_SINCE = Instant.parse("2025-12-31T00:00:00Z");

    private SyntheticRegion() {
    }

    public static String fileSystemId(int fs) {
        return String.format("fs-%017x", fs);
    }

    public static String routeTableId(int fs, int table) {
        return String.format("rtb-%017x", fs * TABLES_PER_VPC + table);
    }

    public static String vpcId(int fs) {
        return String.format("vpc-%017x", fs);
    }

    public static String subnetId(int fs, int az) {
        return String.format("subnet-%016x%d", fs, az);
    }

    public static String eniId(int fs, int az) {
        return String.format("eni-%016x%d", fs, az);
    }

    /** The VPC's /16; VPCs 250 apart share a CIDR, as separate VPCs may. */
    public static String vpcCidr(int fs) {
        return "10." + (fs % 250) + ".0.0/16";
    }

    /** The endpoint range: a /28 inside the VPC CIDR that overlaps no subnet, as FSx requires. */
    public static String endpointRange(int fs) {
        return "10." + (fs % 250) + ".255.224/28";
    }

    /** Inside the endpoint range, and unique in the region. */
    public static String floatingIp(int fs) {
        return "10." + (fs % 250) + ".255." + (225 + fs / 250);
    }

    public static String subnetCidr(int fs, int az) {
        return "10." + (fs % 250) + "." + (az + 1) + ".0/24";
    }

    /** Every resource once, at {@code at}, with every floating route on the preferred ENI. */
    public static List<Observation> baseline(Instant at) {
        List<Observation> all = new ArrayList<>(ROUTE_TABLES + FILE_SYSTEMS * 3 + VPN_CONNECTIONS + TUNNELS);
        for (int fs = 0; fs < FILE_SYSTEMS; fs++) {
            all.add(new VpcObservation(SCOPE, at, vpcId(fs), SCOPE.account(), List.of(vpcCidr(fs))));
            all.add(new SubnetObservation(SCOPE, at, subnetId(fs, 0), vpcId(fs), subnetCidr(fs, 0), "ap-northeast-1a", 200));
            all.add(new SubnetObservation(SCOPE, at, subnetId(fs, 1), vpcId(fs), subnetCidr(fs, 1), "ap-northeast-1c", 200));
            all.add(networkInterface(fs, 0, at));
            all.add(networkInterface(fs, 1, at));
            all.add(fileSystem(fs, at));
            for (int t = 0; t < TABLES_PER_VPC; t++) {
                all.add(routeTable(fs, t, false, at));
            }
        }
        for (int vpn = 0; vpn < VPN_CONNECTIONS; vpn++) {
            all.add(vpnConnection(vpn, at));
            all.add(tunnelState(vpn, 0, at));
            all.add(tunnelState(vpn, 1, at));
        }
        return all;
    }

    public static FileSystemObservation fileSystem(int fs, Instant at) {
        List<String> managed = new ArrayList<>();
        for (int t = 0; t < MANAGED_TABLES_PER_FILE_SYSTEM; t++) {
            managed.add(routeTableId(fs, t));
        }
        return new FileSystemObservation(SCOPE, at, fileSystemId(fs), fs % 2 == 0 ? "OPENZFS" : "ONTAP", "MULTI_AZ_1",
                "AVAILABLE", vpcId(fs), endpointRange(fs), List.of(floatingIp(fs)), managed,
                List.of(subnetId(fs, 0), subnetId(fs, 1)), subnetId(fs, 0), List.of(eniId(fs, 0), eniId(fs, 1)), 160,
                "1:05:00", List.of());
    }

    public static NetworkInterfaceObservation networkInterface(int fs, int az, Instant at) {
        return new NetworkInterfaceObservation(SCOPE, at, eniId(fs, az), subnetId(fs, az), vpcId(fs),
                az == 0 ? "ap-northeast-1a" : "ap-northeast-1c", "interface", "ENI for FSx " + fileSystemId(fs),
                List.of("10." + (fs % 250) + "." + (az + 1) + "." + (10 + az)));
    }

    /**
     * One table of the file system's VPC: the first {@link #MANAGED_TABLES_PER_FILE_SYSTEM} hold the
     * floating /32 (to the standby ENI when {@code onStandby}), the others only ordinary routes.
     */
    public static RouteTableObservation routeTable(int fs, int table, boolean onStandby, Instant at) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(vpcCidr(fs), "local", Route.ACTIVE, "CreateRouteTable"));
        routes.add(new Route("0.0.0.0/0", "tgw-0123456789abcdef0", Route.ACTIVE, "CreateRoute"));
        routes.add(new Route("192.168.0.0/16", "vgw-0123456789abcdef0", Route.ACTIVE, "EnableVgwRoutePropagation"));
        if (table < MANAGED_TABLES_PER_FILE_SYSTEM) {
            routes.add(new Route(floatingIp(fs) + "/32", eniId(fs, onStandby ? 1 : 0), Route.ACTIVE, "CreateRoute"));
        }
        // A subnet has one table: the first two managed tables serve the file system's two subnets (where
        // its clients sit); the others serve subnets not modelled here, and the last is the main table.
        List<String> subnets = table < 2 ? List.of(subnetId(fs, table)) : List.of();
        Map<String, String> tags = table < MANAGED_TABLES_PER_FILE_SYSTEM
                ? Map.of("Name", "app-" + fs + "-" + table, "AmazonFSx", "ManagedByAmazonFSx")
                : Map.of("Name", "app-" + fs + "-" + table);
        return new RouteTableObservation(SCOPE, at, routeTableId(fs, table), vpcId(fs), table == TABLES_PER_VPC - 1,
                subnets, routes, tags);
    }

    public static VpnConnectionObservation vpnConnection(int vpn, Instant at) {
        List<VpnConnectionObservation.Tunnel> tunnels = List.of(tunnel(vpn, 0, at), tunnel(vpn, 1, at));
        return new VpnConnectionObservation(SCOPE, at, String.format("vpn-%017x", vpn), "available",
                String.format("cgw-%017x", vpn), null, "tgw-0123456789abcdef0", false, List.of(), tunnels);
    }

    private static VpnConnectionObservation.Tunnel tunnel(int vpn, int index, Instant at) {
        return new VpnConnectionObservation.Tunnel(tunnelIp(vpn, index), "UP", "2 BGP ROUTES", TUNNELS_UP_SINCE, 2,
                "169.254." + (vpn % 250) + "." + (index * 4) + "/30", 65000L, null);
    }

    public static TunnelStateObservation tunnelState(int vpn, int index, Instant at) {
        return new TunnelStateObservation(SCOPE, at, tunnelIp(vpn, index), String.format("vpn-%017x", vpn), 1.0, at.minusSeconds(60));
    }

    /**
     * The declared clients: per file system VPC one client in each of its subnets, one on premises
     * over a VPN to the Transit Gateway and one behind a peering (which cannot reach a floating IP),
     * each mounting that file system, as a config lists them.
     */
    public static List<DeclaredClient> clients() {
        List<DeclaredClient> clients = new ArrayList<>(DECLARED_CLIENTS);
        for (int i = 0; i < DECLARED_CLIENTS; i++) {
            int fs = i / 4;
            String name = "client-" + i;
            DeclaredClient client = switch (i % 4) {
                case 0, 1 -> new DeclaredClient(name, SCOPE.account(), SCOPE.region(), subnetCidr(fs, i % 2), Via.SAME_VPC,
                        subnetId(fs, i % 2), vpcId(fs), null);
                case 2 -> new DeclaredClient(name, SCOPE.account(), SCOPE.region(), "192.168." + (fs % 250) + ".0/24", Via.VPN_TGW,
                        null, null, null);
                default -> new DeclaredClient(name, SCOPE.account(), SCOPE.region(), "172.16." + (fs % 250) + ".0/24", Via.PEERING,
                        null, vpcId(fs), null);
            };
            clients.add(client.mounting(List.of(fileSystemId(fs))));
        }
        return clients;
    }

    private static String tunnelIp(int vpn, int index) {
        return "203.0." + (vpn / 250 * 2 + index) + "." + (vpn % 250);
    }
}
