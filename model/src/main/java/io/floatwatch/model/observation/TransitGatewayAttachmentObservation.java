package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An attachment of a Transit Gateway: a VPN attached to a TGW appears here with resource type
 * {@code vpn}.
 *
 * @param resourceType            {@code vpc}, {@code vpn}, {@code peering}, {@code connect},
 *                                {@code direct-connect-gateway}, ...
 * @param attachedResourceId      the VPC id, VPN connection id, ... (not {@link #resourceId()}, the attachment id)
 * @param associatedRouteTableId  the TGW route table that routes traffic arriving on this attachment
 * @param subnetIds               for VPC attachments: the subnets its ENIs sit in
 * @param state                   e.g. {@code available}
 */
public record TransitGatewayAttachmentObservation(
        Scope scope,
        Instant observedAt,
        String attachmentId,
        String transitGatewayId,
        String resourceType,
        String attachedResourceId,
        String resourceOwnerId,
        String state,
        String associatedRouteTableId,
        List<String> subnetIds) implements Observation {

    public TransitGatewayAttachmentObservation {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    }

    @Override
    public String resourceId() {
        return attachmentId;
    }
}
