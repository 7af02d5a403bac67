package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.lint.CoverageLint;
import io.floatwatch.analyzer.core.path.FileSystemEndpoints;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.sources.ConsistentReads;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * FLOATING_ROUTE_ORPHANED: a /32 route to an ENI that no longer exists (AWS shows it as a blackhole, or
 * the ENI's observation was tombstoned and a newer read of the table still holds the route), for an
 * address that no Multi-AZ file system of the table's VPC floats. A deleted file system often leaves
 * such a route behind in a table FSx no longer manages; nothing will remove it, so it is reported
 * until someone does, whether or not the file system still exists anywhere. Routes for an address a
 * file system of the VPC does float are that file system's piece (FLOATING_ROUTE_BAD_TARGET).
 */
public final class OrphanRoutes {

    private OrphanRoutes() {
    }

    /** Whether the table holds a /32 route to an ENI at all: only such tables are worth a piece's memory. */
    public static boolean watches(RouteTableObservation table) {
        return table.routes().stream().anyMatch(r -> r.isHostRoute() && r.targetsNetworkInterface());
    }

    /** @param open the finding open under an id, if any: a route awaiting a re-read keeps what was reported */
    public static void desired(Scope scope, RegionModel model, String tableId, Instant at,
            java.util.function.Function<String, Finding> open, Map<String, Finding> out) {
        Optional<RouteTableObservation> found = model.routeTable(tableId);
        if (found.isEmpty()) {
            return;
        }
        RouteTableObservation table = found.get();
        for (Route route : table.routes()) {
            if (!route.isHostRoute() || !route.targetsNetworkInterface()) {
                continue;
            }
            String address = route.hostAddress();
            if (ConsistentReads.awaitsReread(model, table, address, null, false)) {
                Finding reported = open.apply(Finding.idOf(FindingType.FLOATING_ROUTE_ORPHANED, subject(scope, tableId, address)));
                if (reported != null) {
                    out.put(reported.id(), reported);
                }
                continue;
            }
            if (!toVanishedEni(model, table, route)) {
                continue;
            }
            if (floatedInVpc(model, table.vpcId(), address)) {
                continue;
            }
            Map<String, String> labels = VpnFindings.scopeLabels(scope);
            labels.put(Labels.FLOATING_IP, address);
            labels.put(Labels.ROUTE_TABLE_ID, tableId);
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("route_table_id", tableId);
            evidence.put("floating_ip", address);
            evidence.put("target", route.targetId());
            evidence.put("route_state", route.state() == null ? "" : route.state());
            evidence.put("vpc_id", table.vpcId() == null ? "" : table.vpcId());
            evidence.put("managed_tag", Boolean.toString(CoverageLint.TAG_VALUE.equals(table.tags().get(CoverageLint.TAG_KEY))));
            VpnFindings.put(out, Finding.firing(FindingType.FLOATING_ROUTE_ORPHANED, subject(scope, tableId, address), labels,
                    at, at, evidence, tableId + ": the /32 route for " + address + " points at " + route.targetId()
                            + ", an ENI that no longer exists" + (route.isBlackhole() ? " (blackhole)" : "")
                            + ", and no file system of " + table.vpcId() + " floats that address; FSx will not remove it,"
                            + " so subnets using " + tableId + " send " + address + " nowhere until it is deleted"));
        }
    }

    /** Why an orphaned route's finding cleared. */
    public static String closing(Finding open, RegionModel model) {
        String table = open.labels().get(Labels.ROUTE_TABLE_ID);
        String ip = open.labels().get(Labels.FLOATING_IP);
        Optional<RouteTableObservation> found = model.routeTable(table);
        if (found.isEmpty()) {
            return table + " is no longer observed; its /32 route for " + ip + " went with it";
        }
        Optional<Route> route = found.get().hostRoute(ip);
        if (route.isEmpty()) {
            return table + ": the /32 route for " + ip + " was removed";
        }
        if (found.get().vpcId() != null && floatedInVpc(model, found.get().vpcId(), ip)) {
            return table + ": " + ip + " is a floating IP of a file system of " + found.get().vpcId()
                    + " again; its route is judged with that file system";
        }
        return table + ": the /32 route for " + ip + " points at " + route.get().targetId() + ", which exists";
    }

    static String subject(Scope scope, String tableId, String address) {
        return scope.id() + "/" + tableId + "/" + address;
    }

    private static boolean toVanishedEni(RegionModel model, RouteTableObservation table, Route route) {
        if (route.isBlackhole()) {
            // AWS turns a route whose ENI is deleted into a blackhole: no disagreement between reads possible.
            return true;
        }
        return model.eniDeleted(route.targetId())
                && ConsistentReads.tableReadAfter(model, table, model.eniDeletedAt(route.targetId()), false);
    }

    private static boolean floatedInVpc(RegionModel model, String vpcId, String address) {
        for (FileSystemObservation fs : model.fileSystemsOfVpc(vpcId)) {
            if (Lifecycle.floats(fs) && FileSystemEndpoints.floating(model, fs).contains(address)) {
                return true;
            }
        }
        return false;
    }
}
