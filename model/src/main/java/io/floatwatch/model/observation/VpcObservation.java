package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A VPC and all its IPv4 CIDR blocks (primary first, then secondary ones in state associated):
 * an FSx endpoint range inside any of them gets FSx-managed routes; outside, TGWs need static routes.
 */
public record VpcObservation(
        Scope scope,
        Instant observedAt,
        String vpcId,
        String ownerId,
        List<String> cidrBlocks) implements Observation {

    public VpcObservation {
        cidrBlocks = cidrBlocks == null ? List.of() : List.copyOf(cidrBlocks);
    }

    @Override
    public String resourceId() {
        return vpcId;
    }
}
