package io.floatwatch.collector.ec2;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * What the fast loop's own reads of the managed tables say about a failover, for its cadence: whether
 * one floating destination (a /32 or /128 routed to an ENI, the routes FSx writes) points at different
 * ENIs in different tables right now, a flip half done; and when such a route last moved.
 * Interpreting the routes stays the analyzer's; this only tells the collector where to look harder.
 *
 * @param targets    (table id, destination) -> ENI of the last read
 * @param disagree   a destination routed to more than one ENI across the tables read
 * @param lastChange the last read in which a destination of a table moved to another ENI, or null
 * @param calls      EC2 calls the read took
 */
record FailoverSignals(Map<String, String> targets, boolean disagree, Instant lastChange, int calls) {

    static final FailoverSignals NONE = new FailoverSignals(Map.of(), false, null, 1);

    FailoverSignals {
        targets = Map.copyOf(targets);
    }

    static FailoverSignals of(FailoverSignals before, List<RouteTable> managed, int calls, Instant readAt) {
        Map<String, String> targets = new HashMap<>();
        Map<String, Set<String>> enisByDestination = new HashMap<>();
        for (RouteTable table : managed) {
            for (Route route : table.routes()) {
                String destination = route.destinationCidrBlock() != null ? route.destinationCidrBlock() : route.destinationIpv6CidrBlock();
                if (destination == null || route.networkInterfaceId() == null || !(destination.endsWith("/32") || destination.endsWith("/128"))) {
                    continue;
                }
                targets.put(table.routeTableId() + " " + destination, route.networkInterfaceId());
                enisByDestination.computeIfAbsent(destination, d -> new HashSet<>()).add(route.networkInterfaceId());
            }
        }
        boolean disagree = enisByDestination.values().stream().anyMatch(enis -> enis.size() > 1);
        Instant lastChange = before == null ? null : before.lastChange();
        if (before != null && before.targets().entrySet().stream()
                .anyMatch(e -> targets.containsKey(e.getKey()) && !Objects.equals(targets.get(e.getKey()), e.getValue()))) {
            lastChange = readAt;
        }
        return new FailoverSignals(targets, disagree, lastChange, calls);
    }
}
