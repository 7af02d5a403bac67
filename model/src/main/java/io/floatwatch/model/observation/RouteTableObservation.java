package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A VPC route table with its routes, subnet associations and tags. */
public record RouteTableObservation(
        Scope scope,
        Instant observedAt,
        String routeTableId,
        String vpcId,
        boolean main,
        List<String> associatedSubnetIds,
        List<Route> routes,
        Map<String, String> tags) implements Observation {

    public RouteTableObservation {
        associatedSubnetIds = associatedSubnetIds == null ? List.of() : List.copyOf(associatedSubnetIds);
        routes = routes == null ? List.of() : List.copyOf(routes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    @Override
    public String resourceId() {
        return routeTableId;
    }

    /** The /32 route for an address, if the table holds one. */
    public Optional<Route> hostRoute(String address) {
        String destination = address + "/32";
        return routes.stream().filter(r -> destination.equals(r.destination())).findFirst();
    }
}
