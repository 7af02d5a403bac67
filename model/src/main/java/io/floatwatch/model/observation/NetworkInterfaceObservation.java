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
 * @param securityGroupIds the groups guarding it: the first layer a client's packets must pass
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
        List<String> privateIpAddresses,
        List<String> securityGroupIds) implements Observation {

    public NetworkInterfaceObservation {
        privateIpAddresses = privateIpAddresses == null ? List.of() : List.copyOf(privateIpAddresses);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }

    /** An ENI whose security groups are not known (records from before they were reported). */
    public NetworkInterfaceObservation(Scope scope, Instant observedAt, String networkInterfaceId, String subnetId, String vpcId,
            String availabilityZone, String interfaceType, String description, List<String> privateIpAddresses) {
        this(scope, observedAt, networkInterfaceId, subnetId, vpcId, availabilityZone, interfaceType, description,
                privateIpAddresses, List.of());
    }

    @Override
    public String resourceId() {
        return networkInterfaceId;
    }
}
