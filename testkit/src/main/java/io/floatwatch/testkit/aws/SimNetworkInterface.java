package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/**
 * A simulated ENI.
 *
 * @param privateIpAddresses the first one is the primary address
 * @param interfaceType      e.g. {@code interface}, {@code transit_gateway}, {@code vpc_endpoint}
 */
public record SimNetworkInterface(
        String networkInterfaceId,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String interfaceType,
        String description,
        List<String> privateIpAddresses,
        List<String> securityGroupIds) {

    /** An ENI in no security group (the simulator's ENIs before groups were simulated). */
    public SimNetworkInterface(String networkInterfaceId, String subnetId, String vpcId, String availabilityZone,
            String interfaceType, String description, List<String> privateIpAddresses) {
        this(networkInterfaceId, subnetId, vpcId, availabilityZone, interfaceType, description, privateIpAddresses, List.of());
    }

    public SimNetworkInterface withSecurityGroups(List<String> groupIds) {
        return new SimNetworkInterface(networkInterfaceId, subnetId, vpcId, availabilityZone, interfaceType, description,
                privateIpAddresses, groupIds);
    }

    public SimNetworkInterface {
        Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
        Objects.requireNonNull(subnetId, "subnetId");
        privateIpAddresses = privateIpAddresses == null ? List.of() : List.copyOf(privateIpAddresses);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        interfaceType = interfaceType == null ? "interface" : interfaceType;
    }
}
