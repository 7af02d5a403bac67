package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/** A virtual private gateway and the VPCs it is attached to. */
public record VpnGatewayObservation(
        Scope scope,
        Instant observedAt,
        String vpnGatewayId,
        String state,
        Long amazonSideAsn,
        List<String> attachedVpcIds) implements Observation {

    public VpnGatewayObservation {
        attachedVpcIds = attachedVpcIds == null ? List.of() : List.copyOf(attachedVpcIds);
    }

    @Override
    public String resourceId() {
        return vpnGatewayId;
    }
}
