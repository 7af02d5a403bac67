package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.failover.RouteCheck.Verdict;
import io.floatwatch.analyzer.core.path.FileSystemEndpoints;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.sources.ConsistentReads;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The floating routes of one Multi-AZ file system as the region model shows them now: which ENI is
 * preferred and which standby, and for each floating IP and table where the /32 points.
 *
 * @param preferredEni    the ENI in PreferredSubnetId; null while unknown
 * @param standbyEni      the other ENI; null while unknown
 * @param subnetOfEni     subnet of each of the file system's ENIs, where known
 * @param checks          managed tables first (in RouteTableIds order), then other tables of the VPC
 *                        holding a /32 for a floating IP
 * @param unseenTables    managed tables not observed (yet), or observed before an ENI they route to vanished and
 *                        not read since: neither good nor missing
 * @param heldTables      tables (managed or not) whose floating routes wait for a re-read ({@link ConsistentReads}):
 *                        what was last reported of them stands
 * @param floatingIps     the addresses FSx routes by /32: OpenZFS's endpoint, ONTAP's management endpoint and each
 *                        SVM's floating endpoints (ONTAP writes 1 + SVMs routes into every table it manages)
 */
public record FloatingRoutes(
        FileSystemObservation fileSystem,
        String preferredEni,
        String standbyEni,
        Map<String, String> subnetOfEni,
        List<RouteCheck> checks,
        List<String> unseenTables,
        List<String> heldTables,
        List<String> floatingIps) {

    public static FloatingRoutes assess(FileSystemObservation fs, RegionModel model) {
        List<String> floating = FileSystemEndpoints.floating(model, fs);
        Map<String, String> subnets = new TreeMap<>();
        for (String eni : fs.networkInterfaceIds()) {
            model.networkInterface(eni).map(NetworkInterfaceObservation::subnetId).filter(Objects::nonNull)
                    .ifPresent(subnet -> subnets.put(eni, subnet));
        }
        String preferred = null;
        String standby = null;
        for (String eni : fs.networkInterfaceIds()) {
            String subnet = subnets.get(eni);
            if (subnet != null && subnet.equals(fs.preferredSubnetId())) {
                preferred = eni;
            } else if (subnet != null) {
                standby = eni;
            }
        }
        // Multi-AZ has exactly two ENIs: knowing the subnet of one tells the role of the other, so a
        // missing ENI observation does not blind the rules.
        if (fs.networkInterfaceIds().size() == 2) {
            String a = fs.networkInterfaceIds().get(0);
            String b = fs.networkInterfaceIds().get(1);
            if (preferred == null && standby != null) {
                preferred = standby.equals(a) ? b : a;
            } else if (standby == null && preferred != null) {
                standby = preferred.equals(a) ? b : a;
            }
        }

        List<RouteCheck> checks = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String tableId : fs.routeTableIds()) {
            Optional<RouteTableObservation> table = model.routeTable(tableId);
            // A table whose floating route points at an ENI that vanished after the table was read is a read of an
            // earlier moment than the ENIs': not judged until it is read again (ConsistentReads), so it counts as unseen.
            if (table.isEmpty()) {
                unseen.add(tableId);
                continue;
            }
            if (floating.stream().anyMatch(ip -> ConsistentReads.awaitsReread(model, table.get(), ip, fs, true))) {
                unseen.add(tableId);
                held.add(tableId);
                continue;
            }
            for (String ip : floating) {
                checks.add(check(fs, model, table.get(), ip, true, preferred, standby));
            }
        }
        // Hand-made /32 routes for a floating IP in other tables of the same VPC send its traffic
        // somewhere; only a wrong target there is worth telling.
        Set<String> managed = new LinkedHashSet<>(fs.routeTableIds());
        for (String ip : floating) {
            for (String tableId : model.tablesWithHostRoute(ip)) {
                if (managed.contains(tableId)) {
                    continue;
                }
                RouteTableObservation table = model.routeTable(tableId).orElseThrow();
                if (Objects.equals(table.vpcId(), fs.vpcId())) {
                    if (ConsistentReads.awaitsReread(model, table, ip, fs, false)) {
                        held.add(tableId);
                    } else {
                        checks.add(check(fs, model, table, ip, false, preferred, standby));
                    }
                }
            }
        }
        return new FloatingRoutes(fs, preferred, standby, subnets, List.copyOf(checks), List.copyOf(unseen), List.copyOf(held), floating);
    }

    private static RouteCheck check(FileSystemObservation fs, RegionModel model, RouteTableObservation table, String ip,
            boolean managed, String preferred, String standby) {
        Optional<Route> found = table.hostRoute(ip);
        if (found.isEmpty()) {
            return new RouteCheck(ip, table.routeTableId(), managed, null, null, Verdict.MISSING, Role.UNKNOWN, null, null);
        }
        Route route = found.get();
        String target = route.targetId();
        String problem = null;
        String reason = null;
        Role role = Role.UNKNOWN;
        boolean deleted = route.targetsNetworkInterface() && model.eniDeleted(target);
        if (deleted || (route.isBlackhole() && route.targetsNetworkInterface())) {
            // AWS turns a route to a deleted ENI into a blackhole; a tombstoned ENI observation says the same.
            reason = "deleted_eni";
            problem = route.isBlackhole() ? "is a blackhole (target " + target + ", an ENI that no longer exists)"
                    : "points at " + target + ", an ENI that no longer exists";
        } else if (route.isBlackhole()) {
            reason = "blackhole";
            problem = "is a blackhole (target " + (target == null ? "gone" : target) + ")";
        } else if (!route.targetsNetworkInterface()) {
            reason = "not_eni";
            problem = "points at " + target + ", not at an ENI of " + fs.fileSystemId();
        } else if (!fs.networkInterfaceIds().contains(target)) {
            Optional<String> other = model.ownerOf(target);
            reason = other.isPresent() ? "other_file_system" : "unknown_eni";
            problem = other.map(o -> "points at " + target + ", an ENI of " + o + ", not of " + fs.fileSystemId())
                    .orElse("points at " + target + ", an ENI that belongs to no file system");
        } else if (target.equals(preferred)) {
            role = Role.PREFERRED;
        } else if (target.equals(standby)) {
            role = Role.STANDBY;
        }
        Verdict verdict = problem == null ? Verdict.ON_FILE_SYSTEM : Verdict.BAD_TARGET;
        return new RouteCheck(ip, table.routeTableId(), managed, target, route.state(), verdict, role, problem, reason);
    }

    /** Preferred and standby are both known and every managed route on the file system has a role. */
    boolean rolesKnown() {
        return preferredEni != null && standbyEni != null
                && managedChecks().stream().noneMatch(c -> c.verdict() == Verdict.ON_FILE_SYSTEM && c.role() == Role.UNKNOWN);
    }

    List<RouteCheck> managedChecks() {
        return checks.stream().filter(RouteCheck::managed).toList();
    }

    /** Observed managed tables, in RouteTableIds order. */
    List<String> managedTables() {
        return fileSystem.routeTableIds().stream().filter(t -> !unseenTables.contains(t)).toList();
    }

    /** Every floating route of this table points at the ENI of that role. */
    boolean tableOn(String tableId, Role role) {
        List<RouteCheck> ofTable = managedChecks().stream().filter(c -> c.routeTableId().equals(tableId)).toList();
        return !ofTable.isEmpty() && ofTable.stream().allMatch(c -> c.on(role));
    }

    boolean anyOn(Role role) {
        return managedChecks().stream().anyMatch(c -> c.on(role));
    }

    /** All managed tables are observed and every floating route in them points at the ENI of that role. */
    boolean allOn(Role role) {
        List<String> tables = managedTables();
        return unseenTables.isEmpty() && !tables.isEmpty() && tables.stream().allMatch(t -> tableOn(t, role));
    }

    List<String> tablesOn(Role role) {
        return managedTables().stream().filter(t -> tableOn(t, role)).toList();
    }

    List<String> tablesNotOn(Role role) {
        List<String> left = new ArrayList<>(fileSystem.routeTableIds());
        left.removeAll(tablesOn(role));
        return left;
    }

    String eniOf(Role role) {
        return role == Role.PREFERRED ? preferredEni : role == Role.STANDBY ? standbyEni : null;
    }

    /** {@code eni-0c (subnet-1c)}, for summaries. */
    public String describe(String eni) {
        String subnet = subnetOfEni.get(eni);
        return subnet == null ? eni : eni + " (" + subnet + ")";
    }

    String floatingIpList() {
        return String.join(", ", floatingIps);
    }
}
