package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;

/**
 * A Transit Gateway.
 *
 * @param associationDefaultRouteTableId the route table new attachments associate with, if enabled
 */
public record TransitGatewayObservation(
        Scope scope,
        Instant observedAt,
        String transitGatewayId,
        String ownerId,
        String state,
        Long amazonSideAsn,
        String associationDefaultRouteTableId,
        String propagationDefaultRouteTableId) implements Observation {

    @Override
    public String resourceId() {
        return transitGatewayId;
    }
}
