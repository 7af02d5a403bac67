package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated VPC route table. Immutable: {@link SimulatedRegion} swaps whole values so a
 * concurrent DescribeRouteTables never sees a half-applied change.
 *
 * @param main                true for the VPC's main table (an association with main=true)
 * @param associatedSubnetIds explicit subnet associations
 * @param propagatingVgwIds   virtual private gateways whose routes propagate into the table
 */
public record SimRouteTable(
        String routeTableId,
        String vpcId,
        boolean main,
        List<String> associatedSubnetIds,
        List<SimRoute> routes,
        List<String> propagatingVgwIds,
        Map<String, String> tags) {

    public SimRouteTable {
        Objects.requireNonNull(routeTableId, "routeTableId");
        Objects.requireNonNull(vpcId, "vpcId");
        associatedSubnetIds = associatedSubnetIds == null ? List.of() : List.copyOf(associatedSubnetIds);
        routes = routes == null ? List.of() : List.copyOf(routes);
        propagatingVgwIds = propagatingVgwIds == null ? List.of() : List.copyOf(propagatingVgwIds);
        // Keep insertion order so responses are stable.
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static SimRouteTable of(String routeTableId, String vpcId, List<String> subnetIds, List<SimRoute> routes) {
        return new SimRouteTable(routeTableId, vpcId, false, subnetIds, routes, List.of(), Map.of());
    }

    public SimRouteTable withMain(boolean newMain) {
        return new SimRouteTable(routeTableId, vpcId, newMain, associatedSubnetIds, routes, propagatingVgwIds, tags);
    }

    public SimRouteTable withTags(Map<String, String> newTags) {
        return new SimRouteTable(routeTableId, vpcId, main, associatedSubnetIds, routes, propagatingVgwIds, newTags);
    }

    public SimRouteTable withPropagatingVgws(List<String> vgwIds) {
        return new SimRouteTable(routeTableId, vpcId, main, associatedSubnetIds, routes, vgwIds, tags);
    }

    public SimRouteTable withAssociatedSubnets(List<String> subnetIds) {
        return new SimRouteTable(routeTableId, vpcId, main, subnetIds, routes, propagatingVgwIds, tags);
    }

    public SimRouteTable withRoutes(List<SimRoute> newRoutes) {
        return new SimRouteTable(routeTableId, vpcId, main, associatedSubnetIds, newRoutes, propagatingVgwIds, tags);
    }

    /** Adds the route, or replaces the one with the same destination (CreateRoute / ReplaceRoute). */
    public SimRouteTable withRoute(SimRoute route) {
        List<SimRoute> next = new ArrayList<>();
        boolean replaced = false;
        for (SimRoute r : routes) {
            if (r.destinationCidrBlock().equals(route.destinationCidrBlock())) {
                next.add(route);
                replaced = true;
            } else {
                next.add(r);
            }
        }
        if (!replaced) {
            next.add(route);
        }
        return withRoutes(next);
    }

    public SimRouteTable withoutRoute(String destinationCidrBlock) {
        return withRoutes(routes.stream().filter(r -> !r.destinationCidrBlock().equals(destinationCidrBlock)).toList());
    }

    public java.util.Optional<SimRoute> route(String destinationCidrBlock) {
        return routes.stream().filter(r -> r.destinationCidrBlock().equals(destinationCidrBlock)).findFirst();
    }
}
