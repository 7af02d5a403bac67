package io.floatwatch.alerter.metrics;

import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The current target of every floating /32 route, and the role each file system is serving from,
 * derived from ROUTE_TARGET events.
 */
final class RouteTargetMetrics {

    static final String UNKNOWN = "unknown";
    /** The active role while the tables of one file system disagree (a failover in flight or stalled). */
    static final String MIXED = "mixed";
    /**
     * The eni_id the analyzer reports when a floating route disappeared. The analyzer defines it
     * (RouteSighting.NONE); model has no constant for it yet.
     */
    static final String NO_TARGET = "none";

    private record RouteKey(FileSystemRef fs, String floatingIp, String routeTableId) {
    }

    private final InfoSeries<RouteKey> targets;
    private final InfoSeries<FileSystemRef> activeRoles;
    private final Map<FileSystemRef, Map<RouteKey, String>> routeRoles = new HashMap<>();

    RouteTargetMetrics(MeterRegistry registry) {
        targets = new InfoSeries<>(registry, MetricNames.ROUTE_TARGET,
                "1 for the ENI a floating IP's /32 route currently points at, per route table");
        activeRoles = new InfoSeries<>(registry, MetricNames.ACTIVE_ROLE,
                "1 for the role (preferred, standby, mixed, unknown) a file system's routes currently point at");
    }

    /** Returns false when the event lacks what identifies a route, so the caller can report it. */
    boolean apply(Event event) {
        Map<String, String> labels = event.labels();
        String floatingIp = FileSystemRef.label(labels, Labels.FLOATING_IP);
        String routeTableId = FileSystemRef.label(labels, Labels.ROUTE_TABLE_ID);
        if (floatingIp.isEmpty() || routeTableId.isEmpty()) {
            return false;
        }
        FileSystemRef fs = FileSystemRef.of(labels);
        String role = FileSystemRef.label(labels, Labels.ROLE);
        if (role.isEmpty()) {
            role = UNKNOWN;
        }
        RouteKey route = new RouteKey(fs, floatingIp, routeTableId);
        String eniId = FileSystemRef.label(labels, Labels.ENI_ID);
        if (NO_TARGET.equals(eniId)) {
            forget(route);
            return true;
        }
        targets.set(route, fs.tags().and(Labels.FLOATING_IP, floatingIp, Labels.ROUTE_TABLE_ID, routeTableId,
                Labels.ENI_ID, eniId, Labels.ROLE, role));

        Map<RouteKey, String> roles = routeRoles.computeIfAbsent(fs, k -> new HashMap<>());
        roles.put(route, role);
        activeRoles.set(fs, fs.tags().and(Labels.ROLE, activeRole(roles.values())));
        return true;
    }

    /**
     * A route that is gone has no target to show: its series goes, and with the last one the file
     * system's role, so deleted file systems do not linger. A missing route that should exist is the
     * FLOATING_ROUTE_MISSING finding's job, visible on floatwatch_findings_active.
     */
    private void forget(RouteKey route) {
        targets.remove(route);
        Map<RouteKey, String> roles = routeRoles.get(route.fs());
        if (roles == null) {
            return;
        }
        roles.remove(route);
        if (roles.isEmpty()) {
            routeRoles.remove(route.fs());
            activeRoles.remove(route.fs());
        } else {
            activeRoles.set(route.fs(), route.fs().tags().and(Labels.ROLE, activeRole(roles.values())));
        }
    }

    private static String activeRole(Iterable<String> routeRoles) {
        Set<String> distinct = new HashSet<>();
        routeRoles.forEach(distinct::add);
        return distinct.size() == 1 ? distinct.iterator().next() : MIXED;
    }

    void clear() {
        targets.clear();
        activeRoles.clear();
        routeRoles.clear();
    }
}
