package io.floatwatch.analyzer.core.failover;

import io.floatwatch.model.finding.Finding;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the rules remember about one Multi-AZ file system between observations. Plain data
 * so that the runtime can persist it as JSON and a restart continues where it stopped.
 *
 * @param phase             where the failover cycle stands
 * @param startSeen         the failover start was observed; false when the file system was already
 *                          away from home when first seen, so durations are unknown
 * @param failoverStartedAt event time the first route moved to the standby (or first sighting)
 * @param convergedAt       event time every route pointed at the standby
 * @param failbackStartedAt event time the first route moved back
 * @param fromEni           the preferred ENI when the failover started
 * @param toEni             the standby ENI when the failover started
 * @param plannedCause      an FSx administrative action seen in progress during this failover
 * @param routes            last reported target per floating route, key {@code rtb-id floating-ip}
 * @param open              findings emitted as firing and not yet resolved, by id
 * @param cycleEndedAt      event time the last cycle came home (failback completed or failover reverted); null before
 * @param endedCycleFrom    when the move that ended that cycle started (the failback's start, or the failover's when
 *                          it reverted): the client outages the probes measured are tied to it
 */
public record FileSystemState(
        Phase phase,
        boolean startSeen,
        Instant failoverStartedAt,
        Instant convergedAt,
        Instant failbackStartedAt,
        String fromEni,
        String toEni,
        String plannedCause,
        Map<String, RouteSighting> routes,
        Map<String, Finding> open,
        Instant cycleEndedAt,
        Instant endedCycleFrom) {

    public FileSystemState {
        // Sorted copies: the JSON of equal states is byte-equal, which keeps changelogs and tests calm.
        routes = routes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(routes));
        open = open == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(open));
    }

    /** Nothing seen yet: the phase is decided by the first evaluation with known roles. */
    public static FileSystemState unseen() {
        return new FileSystemState(null, false, null, null, null, null, null, null, Map.of(), Map.of(), null, null);
    }

    FileSystemState withCycle(Phase newPhase, boolean newStartSeen, Instant newFailoverStartedAt, Instant newConvergedAt,
            Instant newFailbackStartedAt, String newFromEni, String newToEni, String newPlannedCause) {
        return new FileSystemState(newPhase, newStartSeen, newFailoverStartedAt, newConvergedAt, newFailbackStartedAt,
                newFromEni, newToEni, newPlannedCause, routes, open, cycleEndedAt, endedCycleFrom);
    }

    public FileSystemState withRoutes(Map<String, RouteSighting> newRoutes) {
        return new FileSystemState(phase, startSeen, failoverStartedAt, convergedAt, failbackStartedAt, fromEni, toEni,
                plannedCause, newRoutes, open, cycleEndedAt, endedCycleFrom);
    }

    public FileSystemState withOpen(Map<String, Finding> newOpen) {
        return new FileSystemState(phase, startSeen, failoverStartedAt, convergedAt, failbackStartedAt, fromEni, toEni,
                plannedCause, routes, newOpen, cycleEndedAt, endedCycleFrom);
    }

    FileSystemState withCycleEnded(Instant endedAt, Instant from) {
        return new FileSystemState(phase, startSeen, failoverStartedAt, convergedAt, failbackStartedAt, fromEni, toEni,
                plannedCause, routes, open, endedAt, from);
    }
}
