package io.floatwatch.testkit.aws;

import java.util.Objects;

/**
 * One route of a simulated route table. The target's id prefix decides which EC2 element
 * carries it ({@code eni-} -> networkInterfaceId, {@code tgw-} -> transitGatewayId, ...),
 * just as EC2 reports it.
 *
 * @param state  {@code active} or {@code blackhole}
 * @param origin {@code CreateRouteTable}, {@code CreateRoute} or {@code EnableVgwRoutePropagation}
 */
public record SimRoute(String destinationCidrBlock, String targetId, String state, String origin) {

    public static final String ACTIVE = "active";
    public static final String BLACKHOLE = "blackhole";

    public SimRoute {
        Objects.requireNonNull(destinationCidrBlock, "destinationCidrBlock");
        Objects.requireNonNull(targetId, "targetId");
        state = state == null ? ACTIVE : state;
        origin = origin == null ? "CreateRoute" : origin;
    }

    /** The route every VPC table starts with: the VPC CIDR to {@code local}. */
    public static SimRoute local(String vpcCidr) {
        return new SimRoute(vpcCidr, "local", ACTIVE, "CreateRouteTable");
    }

    public static SimRoute to(String destinationCidrBlock, String targetId) {
        return new SimRoute(destinationCidrBlock, targetId, ACTIVE, "CreateRoute");
    }

    public SimRoute withTarget(String newTargetId) {
        return new SimRoute(destinationCidrBlock, newTargetId, ACTIVE, origin);
    }

    public SimRoute withState(String newState) {
        return new SimRoute(destinationCidrBlock, targetId, newState, origin);
    }

    /** The EC2 XML element that names this route's target. */
    String targetElement() {
        if (targetId.startsWith("eni-")) {
            return "networkInterfaceId";
        }
        if (targetId.startsWith("tgw-")) {
            return "transitGatewayId";
        }
        if (targetId.startsWith("pcx-")) {
            return "vpcPeeringConnectionId";
        }
        if (targetId.startsWith("nat-")) {
            return "natGatewayId";
        }
        if (targetId.startsWith("i-")) {
            return "instanceId";
        }
        if (targetId.startsWith("eigw-")) {
            return "egressOnlyInternetGatewayId";
        }
        // local, igw-, vgw- and gateway load balancer endpoints all travel as gatewayId.
        return "gatewayId";
    }
}
