package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A TGW route table with its associations and propagations and the routes that matter: the
 * exact-match lookup per floating IP (SearchTransitGatewayRoutes, never a full dump) and the
 * blackhole routes. It is not the whole table.
 *
 * @param searchedDestinations the destinations looked up, so "no route" is told from "not asked"
 * @param truncated            AWS said more routes were available than returned
 */
public record TransitGatewayRouteTableObservation(
        Scope scope,
        Instant observedAt,
        String transitGatewayRouteTableId,
        String transitGatewayId,
        List<String> associatedAttachmentIds,
        List<String> propagatingAttachmentIds,
        List<String> searchedDestinations,
        List<TgwRoute> routes,
        boolean truncated) implements Observation {

    /**
     * @param type  {@code static} or {@code propagated}
     * @param state {@code active} or {@code blackhole}
     */
    public record TgwRoute(String destination, String type, String state, List<String> attachmentIds) {
        public TgwRoute {
            attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
        }
    }

    public TransitGatewayRouteTableObservation {
        associatedAttachmentIds = associatedAttachmentIds == null ? List.of() : List.copyOf(associatedAttachmentIds);
        propagatingAttachmentIds = propagatingAttachmentIds == null ? List.of() : List.copyOf(propagatingAttachmentIds);
        searchedDestinations = searchedDestinations == null ? List.of() : List.copyOf(searchedDestinations);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    @Override
    public String resourceId() {
        return transitGatewayRouteTableId;
    }
}
