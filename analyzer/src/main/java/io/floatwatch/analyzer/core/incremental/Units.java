package io.floatwatch.analyzer.core.incremental;

import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;

/**
 * The pieces the rules judge one at a time. Each piece reads part of the model, owns its findings
 * and memory, and is judged again only when what it read changed or one of its deadlines passed:
 *
 * <ul>
 *   <li>{@code fs:<fs-id>}: the failover cycle and floating routes of one file system;</li>
 *   <li>{@code lint:<fs-id>}: coverage and endpoint-range lint of one file system;</li>
 *   <li>{@code path:<fs-id>/<client>}: one declared client's paths to the file system's endpoints, and the ports
 *       its security groups and network ACLs let through;</li>
 *   <li>{@code vpn:<vpn-id>}: tunnel and BGP health, telemetry agreement and flapping of one VPN connection;</li>
 *   <li>{@code prop:<vpn-id>}: route propagation from one VPN connection's VGW;</li>
 *   <li>{@code declared:<client>}: whether the file systems a client lists exist;</li>
 *   <li>{@code stale}: source staleness, one piece for the whole scope (a handful of sources).</li>
 *   <li>{@code orphan:<rtb-id>}: /32 routes of one table to ENIs that no longer exist, for addresses no file
 *       system of its VPC floats;</li>
 *   <li>{@code stale}: source staleness and account access, one piece for the whole scope (a handful of sources).</li>
 * </ul>
 */
public final class Units {

    public static final String STALENESS = "stale";
    public static final String FS = "fs:";
    public static final String LINT = "lint:";
    public static final String PATH = "path:";
    public static final String VPN = "vpn:";
    public static final String PROPAGATION = "prop:";
    public static final String DECLARED = "declared:";
    public static final String ORPHAN = "orphan:";

    private Units() {
    }

    public static String fileSystem(String fsId) {
        return FS + fsId;
    }

    public static String lint(String fsId) {
        return LINT + fsId;
    }

    public static String path(String fsId, String client) {
        return PATH + fsId + "/" + client;
    }

    public static String declared(String client) {
        return DECLARED + client;
    }

    public static String vpn(String vpnId) {
        return VPN + vpnId;
    }

    public static String propagation(String vpnId) {
        return PROPAGATION + vpnId;
    }

    public static String orphan(String routeTableId) {
        return ORPHAN + routeTableId;
    }

    /** The id after the kind prefix: a file system or VPN id, or {@code fs-id/client} for a path. */
    public static String id(String unit) {
        return unit.substring(unit.indexOf(':') + 1);
    }

    /** The scope-wide piece that owns an open finding. */
    public static String of(Finding f) {
        String fsId = f.labels().get(Labels.FS_ID);
        String vpnId = f.labels().get(Labels.VPN_ID);
        return switch (f.type()) {
            case CLIENT_PATH_UNREACHABLE, CLIENT_PATH_UNSUPPORTED, CLIENT_PATH_UNVERIFIED, ENDPOINT_PORT_BLOCKED,
                    ENDPOINT_PORT_UNVERIFIED, PROBE_BLOCKED_PATH_OK, PROBE_MODEL_DISAGREES, PROBE_SILENT
                    -> path(fsId, f.labels().get(Labels.CLIENT));
            case CLIENT_FILE_SYSTEM_NOT_FOUND -> declared(f.labels().get(Labels.CLIENT));
            case CLIENT_SUBNET_NOT_COVERED, ENDPOINT_RANGE_OUTSIDE_VPC, ENDPOINT_RANGE_OVERLAPS_SUBNET -> lint(fsId);
            case VPN_TUNNEL_DOWN, VPN_BGP_DOWN, VPN_NO_ROUTES_ACCEPTED, VPN_REDUNDANCY_LOST, VPN_PATH_LOST,
                    VPN_TELEMETRY_DISAGREES, VPN_TUNNEL_FLAPPING -> vpn(vpnId);
            case VPN_ROUTES_NOT_PROPAGATED -> propagation(vpnId);
            case DATA_STALE, ACCOUNT_ACCESS_FAILED -> STALENESS;
            case FLOATING_ROUTE_ORPHANED -> orphan(f.labels().get(Labels.ROUTE_TABLE_ID));
            case FSX_FAILED_OVER, FSX_FAILOVER_STALLED, FLOATING_ROUTE_BAD_TARGET, FLOATING_ROUTE_MISSING,
                    FSX_UNPLANNED_FAILOVER, FSX_FAILBACK_OVERDUE -> fileSystem(fsId);
        };
    }

    /** The path piece a remembered path verdict (key {@code client fs-id address}) belongs to. */
    public static String ofPathMemory(String key) {
        int ipStart = key.lastIndexOf(' ');
        int fsStart = key.lastIndexOf(' ', ipStart - 1);
        return path(key.substring(fsStart + 1, ipStart), key.substring(0, fsStart));
    }
}
