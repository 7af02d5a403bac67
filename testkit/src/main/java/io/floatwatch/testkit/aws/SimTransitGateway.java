package io.floatwatch.testkit.aws;

import java.util.Objects;

/** A simulated Transit Gateway; the default route tables are null when that option is disabled. */
public record SimTransitGateway(String transitGatewayId, String state, long amazonSideAsn,
        String associationDefaultRouteTableId, String propagationDefaultRouteTableId) {

    public SimTransitGateway {
        Objects.requireNonNull(transitGatewayId, "transitGatewayId");
        state = state == null ? "available" : state;
    }
}
