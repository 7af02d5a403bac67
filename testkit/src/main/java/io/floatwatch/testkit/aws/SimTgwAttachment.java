package io.floatwatch.testkit.aws;

import java.util.Objects;

/**
 * A simulated Transit Gateway attachment.
 *
 * @param resourceType           {@code vpc}, {@code vpn}, {@code peering}, {@code connect}, ...
 * @param resourceId             the VPC, VPN connection, ... it attaches
 * @param associatedRouteTableId the TGW route table it is associated with, or null
 */
public record SimTgwAttachment(String attachmentId, String transitGatewayId, String resourceType, String resourceId,
        String state, String associatedRouteTableId) {

    public SimTgwAttachment {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(transitGatewayId, "transitGatewayId");
        Objects.requireNonNull(resourceType, "resourceType");
        state = state == null ? "available" : state;
    }
}
