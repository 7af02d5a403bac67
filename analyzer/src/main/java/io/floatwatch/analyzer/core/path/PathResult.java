package io.floatwatch.analyzer.core.path;

import java.util.List;

/**
 * One client's path to one address: the hops walked, the verdict and why.
 *
 * @param hops             what was checked, in order, e.g. {@code subnet-1a -> rtb-1: 10.0.255.231/32 -> eni-0a}
 * @param failedHop        for UNREACHABLE: the resource where the path breaks; else null
 * @param missingRoute     for UNREACHABLE: the route that is missing or wrong, in words; else null
 * @param explanation      one line for on-call
 * @param routeTableIds    VPC route tables consulted (evidence)
 * @param tgwRouteTableIds TGW route tables consulted (evidence)
 * @param unverified       hops that could not be checked (not observed, not looked up): a reachable
 *                         verdict is only as good as these
 * @param accounts         the accounts of the hops checked, the file system's first
 */
public record PathResult(PathVerdict verdict, List<String> hops, String failedHop, String missingRoute,
        String explanation, List<String> routeTableIds, List<String> tgwRouteTableIds, List<String> unverified,
        List<String> accounts) {

    public PathResult {
        hops = List.copyOf(hops);
        routeTableIds = List.copyOf(routeTableIds);
        tgwRouteTableIds = List.copyOf(tgwRouteTableIds);
        unverified = List.copyOf(unverified);
        accounts = List.copyOf(accounts);
    }
}
