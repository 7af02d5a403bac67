package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An elastic network interface: which subnet it sits in decides whether it is the preferred
 * or the standby ENI of a Multi-AZ file system.
 *
 * @param interfaceType e.g. {@code interface}, {@code transit_gateway}, {@code vpc_endpoint}
 * @param description   FSx sets e.g. {@code ENI for FSx fs-0123...}
 */
public record NetworkInterfaceObservation(
        Scope scope,
        Instant observedAt,
        String networkInterfaceId,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String interfaceType,
        String description,
        List<String> privateIpAddresses) implements Observation {

    public NetworkInterfaceObservation {
        privateIpAddresses = privateIpAddresses == null ? List.of() : List.copyOf(privateIpAddresses);
    }

    @Override
    public String resourceId() {
        return networkInterfaceId;
    }
}
