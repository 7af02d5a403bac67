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
        String state, String associatedRouteTableId, String transitGatewayOwnerId, String resourceOwnerId) {

    public SimTgwAttachment {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(transitGatewayId, "transitGatewayId");
        Objects.requireNonNull(resourceType, "resourceType");
        state = state == null ? "available" : state;
    }

    /** An attachment of this account's resource to this account's gateway. */
    public SimTgwAttachment(String attachmentId, String transitGatewayId, String resourceType, String resourceId,
            String state, String associatedRouteTableId) {
        this(attachmentId, transitGatewayId, resourceType, resourceId, state, associatedRouteTableId, null, null);
    }

    /**
     * The attachment across accounts (AWS RAM): {@code tgwOwner} owns the gateway, {@code resourceOwner} the VPC.
     * Null for this account.
     */
    public SimTgwAttachment owners(String tgwOwner, String resourceOwner) {
        return new SimTgwAttachment(attachmentId, transitGatewayId, resourceType, resourceId, state, associatedRouteTableId,
                tgwOwner, resourceOwner);
    }
}
