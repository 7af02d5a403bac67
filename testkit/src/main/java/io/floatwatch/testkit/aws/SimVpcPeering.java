package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/**
 * A simulated VPC peering connection.
 *
 * @param status e.g. {@code active}, {@code pending-acceptance}, {@code deleted}
 */
public record SimVpcPeering(String vpcPeeringConnectionId, String status, Side requester, Side accepter) {

    /** One end of the peering. */
    public record Side(String ownerId, String region, String vpcId, List<String> cidrBlocks) {
        public Side {
            cidrBlocks = cidrBlocks == null ? List.of() : List.copyOf(cidrBlocks);
        }
    }

    public SimVpcPeering {
        Objects.requireNonNull(vpcPeeringConnectionId, "vpcPeeringConnectionId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(accepter, "accepter");
        status = status == null ? "active" : status;
    }
}
