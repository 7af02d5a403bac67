package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simulated TGW route table. Associations live on the attachments
 * ({@link SimTgwAttachment#associatedRouteTableId()}); propagations and routes live here.
 */
public record SimTgwRouteTable(String routeTableId, String transitGatewayId, List<String> propagatingAttachmentIds,
        List<Route> routes) {

    /**
     * @param type  {@code static} or {@code propagated}
     * @param state {@code active} or {@code blackhole}
     */
    public record Route(String destinationCidrBlock, String type, String state, List<String> attachmentIds) {
        public Route {
            Objects.requireNonNull(destinationCidrBlock, "destinationCidrBlock");
            type = type == null ? "static" : type;
            state = state == null ? "active" : state;
            attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
        }

        public static Route staticTo(String destination, String attachmentId) {
            return new Route(destination, "static", "active", List.of(attachmentId));
        }

        public static Route blackhole(String destination) {
            return new Route(destination, "static", "blackhole", List.of());
        }
    }

    public SimTgwRouteTable {
        Objects.requireNonNull(routeTableId, "routeTableId");
        Objects.requireNonNull(transitGatewayId, "transitGatewayId");
        propagatingAttachmentIds = propagatingAttachmentIds == null ? List.of() : List.copyOf(propagatingAttachmentIds);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public SimTgwRouteTable withRoute(Route route) {
        List<Route> next = new ArrayList<>(routes.stream().filter(r -> !r.destinationCidrBlock().equals(route.destinationCidrBlock())).toList());
        next.add(route);
        return new SimTgwRouteTable(routeTableId, transitGatewayId, propagatingAttachmentIds, next);
    }
}
