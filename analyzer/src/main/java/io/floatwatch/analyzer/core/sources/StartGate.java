package io.floatwatch.analyzer.core.sources;

import io.floatwatch.analyzer.core.incremental.Units;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.region.RegionModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * No verdict from a half-seen picture. After a start with empty state the collector publishes one
 * source after another (file systems first, the route-table inventory minutes later at 50,000 tables),
 * and the analyzer judges each record as it comes: a client subnet whose own table has not arrived
 * yet seems to use the VPC's main table, a TGW route table not yet read seems to lack a route. So a
 * piece of judgement declares the sources it needs ({@link #needs}), and until each of them has
 * completed one poll of the scope ({@link SourceCadence#completedAt}) the piece holds still: it opens
 * nothing and closes nothing it had open.
 *
 * <p>"Completed" is remembered in the scope state, so a restart that keeps its state is not gated
 * again, and once open the gate stays open: later failures and silences are DATA_STALE's business.
 * The route-table inventory is complete only once the route-table poll after it ran, because that
 * poll, not the inventory, publishes the tables the inventory read.
 *
 * <p>Which sources a piece needs is data, by piece kind: a new kind of piece (or a path over a new
 * kind of hop) adds its row in {@link #needs} or {@link #forPath}.
 */
public final class StartGate {

    /** The model key a held piece reads, changed (by the staleness piece) when the source completes. */
    public static String key(String source) {
        return "gate:" + source;
    }

    private static final Set<String> FLOATING_ROUTES = Set.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES);
    private static final Set<String> LINT = Set.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES,
            SourceNames.ROUTE_TABLE_INVENTORY, SourceNames.VPCS, SourceNames.SUBNETS, SourceNames.TGW_ATTACHMENTS);
    private static final Set<String> PROPAGATION = Set.of(SourceNames.VPN_CONNECTIONS, SourceNames.VPN_GATEWAYS,
            SourceNames.ROUTE_TABLES, SourceNames.ROUTE_TABLE_INVENTORY, SourceNames.FILE_SYSTEMS, SourceNames.SUBNETS);
    private static final Set<String> ORPHANS = Set.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES,
            SourceNames.ROUTE_TABLE_INVENTORY);

    private StartGate() {
    }

    /**
     * The sources a piece needs before it may judge; empty for pieces that are right on any picture (the
     * failover cycle waits for its own tables, VPN health reads one observation, staleness is about markers).
     *
     * @param client the client of a path piece, null for other pieces
     */
    public static Set<String> needs(String unit, DeclaredClient client) {
        if (unit.startsWith(Units.LINT)) {
            return LINT;
        }
        if (unit.startsWith(Units.PROPAGATION)) {
            return PROPAGATION;
        }
        if (unit.startsWith(Units.ORPHAN)) {
            return ORPHANS;
        }
        if (unit.startsWith(Units.PATH)) {
            return client == null ? Set.of() : forPath(client);
        }
        return Set.of();
    }

    private static final Set<String> PORTS = Set.of(SourceNames.SECURITY_GROUPS, SourceNames.NETWORK_ACLS);

    /**
     * The endpoint-port findings of a path piece: held on their own, so the path verdicts never wait for the security
     * group and ACL sources (a collector without their IAM actions still judges routes).
     */
    public static Set<String> ports() {
        return PORTS;
    }

    /** The floating-route findings of a file system piece (its failover cycle is not held). */
    public static Set<String> floatingRoutes() {
        return FLOATING_ROUTES;
    }

    /**
     * The sources a client's path verdicts read: its subnet's table and the file system's tables always,
     * plus whatever the hops of its kind of path are read from.
     */
    public static Set<String> forPath(DeclaredClient client) {
        Set<String> needs = new java.util.TreeSet<>(List.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES,
                SourceNames.ROUTE_TABLE_INVENTORY, SourceNames.SUBNETS, SourceNames.VPCS));
        Via via = client.via();
        if (via.viaTransitGateway()) {
            needs.add(SourceNames.TRANSIT_GATEWAYS);
            needs.add(SourceNames.TGW_ATTACHMENTS);
            needs.add(SourceNames.TGW_ROUTE_TABLES);
        }
        if (via == Via.PEERING) {
            needs.add(SourceNames.VPC_PEERING);
        }
        if (via.name().startsWith("VPN")) {
            needs.add(SourceNames.VPN_CONNECTIONS);
            needs.add(SourceNames.VPN_GATEWAYS);
        }
        if (via.name().startsWith("DX")) {
            needs.add(SourceNames.VPN_GATEWAYS);
        }
        return needs;
    }

    /**
     * The needed sources whose view is not complete yet, sorted; empty when the piece may judge. Reads the
     * gate key of each one missing, so the piece is judged again when it completes.
     */
    public static List<String> missing(Set<String> needs, Function<String, SourceCadence> sources, RegionModel model) {
        List<String> missing = new ArrayList<>();
        for (String source : needs) {
            SourceCadence c = sources.apply(source);
            if (c == null || c.completedAt() == null) {
                model.read(key(source));
                missing.add(source);
            }
        }
        missing.sort(null);
        return missing;
    }

    /** When the source's view became complete, given every source's cadence with its latest marker; or null. */
    static Instant completedAt(String source, SourceCadence cadence, Map<String, SourceCadence> all) {
        if (cadence.lastOkAt() == null) {
            return null;
        }
        if (!source.equals(SourceNames.ROUTE_TABLE_INVENTORY)) {
            return cadence.lastOkAt();
        }
        SourceCadence fast = all.get(SourceNames.ROUTE_TABLES);
        return fast != null && fast.lastOkAt() != null && fast.lastOkAt().isAfter(cadence.lastOkAt()) ? fast.lastOkAt() : null;
    }
}
