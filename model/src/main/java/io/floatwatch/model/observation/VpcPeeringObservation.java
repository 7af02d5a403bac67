package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A VPC peering connection. Floating IPs are never reachable across it (no ENI owns them, and
 * route tables do not apply to traffic arriving over peering); ordinary ENI addresses are.
 *
 * @param status e.g. {@code active}, {@code pending-acceptance}, {@code deleted}
 */
public record VpcPeeringObservation(
        Scope scope,
        Instant observedAt,
        String vpcPeeringConnectionId,
        String status,
        Side requester,
        Side accepter) implements Observation {

    /** One end of the peering. */
    public record Side(String ownerId, String region, String vpcId, List<String> cidrBlocks) {
        public Side {
            cidrBlocks = cidrBlocks == null ? List.of() : List.copyOf(cidrBlocks);
        }
    }

    @Override
    public String resourceId() {
        return vpcPeeringConnectionId;
    }
}
