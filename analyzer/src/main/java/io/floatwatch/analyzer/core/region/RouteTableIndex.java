package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Route tables, by id, by VPC, by subnet association, as main table of their VPC, and by the /32 routes they hold. */
final class RouteTableIndex implements ObservationIndex<RouteTableObservation> {

    private final Consumer<String> changed;
    final Map<String, RouteTableObservation> byId = new HashMap<>();
    final Map<String, Set<String>> byVpc = new HashMap<>();
    /** subnet id -> the table explicitly associated with it; subnets without one use their VPC's main table. */
    final Map<String, String> ofSubnet = new HashMap<>();
    final Map<String, String> mainOfVpc = new HashMap<>();
    /** host address of a /32 route -> ids of the tables holding one; finds hand-made floating routes. */
    final Map<String, Set<String>> byHostAddress = new HashMap<>();

    RouteTableIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<RouteTableObservation> kind() {
        return RouteTableObservation.class;
    }

    @Override
    public RouteTableObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(RouteTableObservation table) {
        remove(table.routeTableId(), null);
        byId.put(table.routeTableId(), table);
        byVpc.computeIfAbsent(table.vpcId(), v -> new TreeSet<>()).add(table.routeTableId());
        changedTable(table);
        if (table.main()) {
            mainOfVpc.put(table.vpcId(), table.routeTableId());
        }
        for (String subnet : table.associatedSubnetIds()) {
            ofSubnet.put(subnet, table.routeTableId());
        }
        for (Route route : table.routes()) {
            if (route.isHostRoute()) {
                byHostAddress.computeIfAbsent(route.hostAddress(), a -> new TreeSet<>()).add(table.routeTableId());
            }
        }
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        RouteTableObservation table = byId.remove(resourceId);
        if (table == null) {
            return false;
        }
        changedTable(table);
        Set<String> ofVpc = byVpc.get(table.vpcId());
        if (ofVpc != null) {
            ofVpc.remove(resourceId);
        }
        mainOfVpc.remove(table.vpcId(), resourceId);
        for (String subnet : table.associatedSubnetIds()) {
            ofSubnet.remove(subnet, resourceId);
        }
        for (Route route : table.routes()) {
            if (route.isHostRoute()) {
                Set<String> tables = byHostAddress.get(route.hostAddress());
                if (tables != null) {
                    tables.remove(resourceId);
                    if (tables.isEmpty()) {
                        byHostAddress.remove(route.hostAddress());
                    }
                }
            }
        }
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }

    private void changedTable(RouteTableObservation table) {
        changed.accept(ModelKey.routeTable(table.routeTableId()));
        changed.accept(ModelKey.tablesOfVpc(table.vpcId()));
        if (table.main()) {
            changed.accept(ModelKey.mainTable(table.vpcId()));
        }
        for (String subnet : table.associatedSubnetIds()) {
            changed.accept(ModelKey.tableOfSubnet(subnet));
        }
        for (Route route : table.routes()) {
            if (route.isHostRoute()) {
                changed.accept(ModelKey.hostRoute(route.hostAddress()));
            }
        }
    }
}
