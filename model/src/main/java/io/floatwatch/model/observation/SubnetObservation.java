package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;

/** A subnet: its CIDR decides whether an FSx endpoint range overlaps it (then FSx will not manage routes). */
public record SubnetObservation(
        Scope scope,
        Instant observedAt,
        String subnetId,
        String vpcId,
        String cidrBlock,
        String availabilityZone,
        Integer availableIpAddressCount) implements Observation {

    @Override
    public String resourceId() {
        return subnetId;
    }
}
