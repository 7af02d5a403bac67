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
        List<String> privateIpAddresses) {

    public SimNetworkInterface {
        Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
        Objects.requireNonNull(subnetId, "subnetId");
        privateIpAddresses = privateIpAddresses == null ? List.of() : List.copyOf(privateIpAddresses);
        interfaceType = interfaceType == null ? "interface" : interfaceType;
    }
}
