package io.floatwatch.model.observation;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One route of a VPC route table, as DescribeRouteTables reports it.
 *
 * @param destination  destination CIDR (IPv4 or IPv6) or prefix list id
 * @param targetId     what the route points at: {@code eni-...}, {@code tgw-...}, {@code pcx-...},
 *                     {@code vgw-...}, {@code igw-...}, {@code nat-...}, {@code local}, ...
 * @param state        {@code active} or {@code blackhole}
 * @param origin       {@code CreateRouteTable}, {@code CreateRoute} or {@code EnableVgwRoutePropagation}
 */
public record Route(String destination, String targetId, String state, String origin) {

    public static final String ACTIVE = "active";
    public static final String BLACKHOLE = "blackhole";

    @JsonIgnore
    public boolean isHostRoute() {
        return destination != null && destination.endsWith("/32") && !destination.contains(":");
    }

    /** The address of a /32 route, e.g. {@code 10.0.255.231}; null for any other route. */
    @JsonIgnore
    public String hostAddress() {
        return isHostRoute() ? destination.substring(0, destination.length() - 3) : null;
    }

    @JsonIgnore
    public boolean isBlackhole() {
        return BLACKHOLE.equals(state);
    }

    @JsonIgnore
    public boolean targetsNetworkInterface() {
        return targetId != null && targetId.startsWith("eni-");
    }
}
