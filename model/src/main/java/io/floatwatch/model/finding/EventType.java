package io.floatwatch.model.finding;

import java.util.Locale;

/** Point-in-time transitions, as opposed to findings, which are conditions with a duration. */
public enum EventType {
    /** A floating /32 route now points at a given ENI (first sighting or change). Feeds the route gauge. */
    ROUTE_TARGET,
    /** The first table of a file system moved to the standby ENI. */
    FAILOVER_STARTED,
    /** Every table of the file system points at the standby ENI. Carries the convergence duration. */
    FAILOVER_CONVERGED,
    /** The first table moved back to the preferred ENI. */
    FAILBACK_STARTED,
    /** Every table points at the preferred ENI again. Carries the time spent failed over. */
    FAILBACK_COMPLETED,
    /**
     * A declared client's probe connected again after failing during a failover or failback: one per client,
     * endpoint and port, carrying the outage it measured (first failed probe to first success).
     */
    CLIENT_OUTAGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
