package io.floatwatch.testkit.aws;

import java.util.Objects;

/**
 * A simulated Transit Gateway; the default route tables are null when that option is disabled.
 *
 * @param ownerId the owning account when the gateway is shared into this one through AWS RAM; null when this
 *                account owns it
 */
public record SimTransitGateway(String transitGatewayId, String state, long amazonSideAsn,
        String associationDefaultRouteTableId, String propagationDefaultRouteTableId, String ownerId) {

    public SimTransitGateway {
        Objects.requireNonNull(transitGatewayId, "transitGatewayId");
        state = state == null ? "available" : state;
    }

    /** A gateway this account owns. */
    public SimTransitGateway(String transitGatewayId, String state, long amazonSideAsn,
            String associationDefaultRouteTableId, String propagationDefaultRouteTableId) {
        this(transitGatewayId, state, amazonSideAsn, associationDefaultRouteTableId, propagationDefaultRouteTableId, null);
    }

    /** The same gateway as an account it is shared with sees it: another owner, no default route tables of its own. */
    public SimTransitGateway sharedFrom(String owner) {
        return new SimTransitGateway(transitGatewayId, state, amazonSideAsn, null, null, owner);
    }
}
