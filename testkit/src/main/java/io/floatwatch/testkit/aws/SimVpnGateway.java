package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Objects;

/** A simulated virtual private gateway and the VPCs attached to it. */
public record SimVpnGateway(String vpnGatewayId, String state, long amazonSideAsn, List<String> attachedVpcIds) {

    public SimVpnGateway {
        Objects.requireNonNull(vpnGatewayId, "vpnGatewayId");
        state = state == null ? "available" : state;
        attachedVpcIds = attachedVpcIds == null ? List.of() : List.copyOf(attachedVpcIds);
    }
}
