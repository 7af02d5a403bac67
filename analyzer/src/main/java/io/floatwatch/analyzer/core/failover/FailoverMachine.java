package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The failover cycle of one file system: HOME -> FAILING_OVER -> FAILED_OVER -> FAILING_BACK -> HOME,
 * driven only by where the floating routes point and by event time. See core/DESIGN.md.
 */
public final class FailoverMachine {

    /**
     * @param state   the new cycle fields (routes and open findings untouched)
     * @param events  transitions, in order
     * @param closing why FSX_FAILED_OVER resolves, when this step ended the cycle; else null
     */
    public record Step(FileSystemState state, List<Event> events, String closing) {
    }

    private FailoverMachine() {
    }

    /**
     * @param plannedAtStart the planned cause that explains a failover starting now, or null; asked only
     *                       when one starts, since finding it reads every VPN of the scope
     * @param plannedLater   the planned cause a failover already under way may still adopt, or null
     */
    public static Step step(Scope scope, FileSystemState prev, FloatingRoutes routes, Instant at,
            Supplier<String> plannedAtStart, String plannedLater) {
        // Without both roles (ENIs not observed yet) or without any observed table there is nothing to
        // judge; holding still is better than guessing a direction.
        if (!routes.rolesKnown() || routes.managedTables().isEmpty()) {
            return new Step(prev, List.of(), null);
        }
        boolean anyStandby = routes.anyOn(Role.STANDBY);
        boolean anyPreferred = routes.anyOn(Role.PREFERRED);
        boolean allStandby = routes.allOn(Role.STANDBY);
        String fsId = routes.fileSystem().fileSystemId();
        List<Event> events = new ArrayList<>();

        if (prev.phase() == null) {
            // The first verdict waits for the whole picture: tables arrive one record at a time, and
            // judging on half of them would invent a failover that was never seen starting.
            if (!routes.unseenTables().isEmpty()) {
                return new Step(prev, events, null);
            }
            // First sighting: report the condition, but no transition events, since none was seen.
            if (!anyStandby) {
                return new Step(home(prev), events, null);
            }
            Phase phase = allStandby ? Phase.FAILED_OVER : Phase.FAILING_OVER;
            return new Step(prev.withCycle(phase, false, at, allStandby ? at : null, null, routes.preferredEni(),
                    routes.standbyEni(), plannedAtStart.get()), events, null);
        }

        FileSystemState s = prev;
        if (s.phase() != Phase.HOME && s.plannedCause() == null && plannedLater != null) {
            s = s.withCycle(s.phase(), s.startSeen(), s.failoverStartedAt(), s.convergedAt(), s.failbackStartedAt(),
                    s.fromEni(), s.toEni(), plannedLater);
        }
        String closing = null;

        if (s.phase() == Phase.HOME && anyStandby) {
            s = s.withCycle(Phase.FAILING_OVER, true, at, null, null, routes.preferredEni(), routes.standbyEni(),
                    plannedAtStart.get());
            events.add(event(scope, fsId, EventType.FAILOVER_STARTED, at, null,
                    fsId + " failover started: " + String.join(", ", tablesTouching(routes, Role.STANDBY)) + " now route "
                            + routes.floatingIpList() + " to standby " + routes.describe(routes.standbyEni())
                            + planned(s, routes)));
        }
        if (s.phase() == Phase.FAILING_OVER && allStandby) {
            Long took = s.startSeen() ? Duration.between(s.failoverStartedAt(), at).toMillis() : null;
            s = s.withCycle(Phase.FAILED_OVER, s.startSeen(), s.failoverStartedAt(), at, null, s.fromEni(), s.toEni(),
                    s.plannedCause());
            events.add(event(scope, fsId, EventType.FAILOVER_CONVERGED, at, took,
                    fsId + " failover converged: " + allTables(routes) + " route tables for " + routes.floatingIpList()
                            + " point at standby " + routes.describe(routes.standbyEni()) + after(took) + planned(s, routes)));
        } else if (s.phase() == Phase.FAILING_OVER && !anyStandby) {
            // Reverted before converging: for clients this is a completed failback.
            Long away = s.startSeen() ? Duration.between(s.failoverStartedAt(), at).toMillis() : null;
            closing = fsId + " failover reverted: " + allTables(routes) + " route tables for " + routes.floatingIpList()
                    + " point at preferred " + routes.describe(routes.preferredEni()) + " again" + after(away);
            events.add(event(scope, fsId, EventType.FAILBACK_COMPLETED, at, away, closing));
            s = home(s).withCycleEnded(at, s.failoverStartedAt());
        }
        if (s.phase() == Phase.FAILED_OVER && anyPreferred) {
            s = s.withCycle(Phase.FAILING_BACK, s.startSeen(), s.failoverStartedAt(), s.convergedAt(), at, s.fromEni(),
                    s.toEni(), s.plannedCause());
            events.add(event(scope, fsId, EventType.FAILBACK_STARTED, at, null,
                    fsId + " failback started: " + String.join(", ", tablesTouching(routes, Role.PREFERRED)) + " route "
                            + routes.floatingIpList() + " to preferred " + routes.describe(routes.preferredEni()) + " again"));
        }
        if (s.phase() == Phase.FAILING_BACK && !anyStandby) {
            Long away = s.startSeen() ? Duration.between(s.failoverStartedAt(), at).toMillis() : null;
            closing = fsId + " failed back: " + allTables(routes) + " route tables for " + routes.floatingIpList()
                    + " point at preferred " + routes.describe(routes.preferredEni()) + " again"
                    + (away == null ? "" : " after " + HumanDuration.format(Duration.ofMillis(away)) + " failed over");
            events.add(event(scope, fsId, EventType.FAILBACK_COMPLETED, at, away, closing));
            s = home(s).withCycleEnded(at, s.failbackStartedAt());
        } else if (s.phase() == Phase.FAILING_BACK && allStandby) {
            // The failback went back on itself; the failover is still on, with its original start.
            s = s.withCycle(Phase.FAILED_OVER, s.startSeen(), s.failoverStartedAt(), s.convergedAt(), null, s.fromEni(),
                    s.toEni(), s.plannedCause());
        }
        return new Step(s, events, closing);
    }

    static String planned(FileSystemState s, FloatingRoutes routes) {
        return PlannedCause.describe(s.plannedCause(), routes.fileSystem());
    }

    private static FileSystemState home(FileSystemState s) {
        return s.withCycle(Phase.HOME, false, null, null, null, null, null, null);
    }

    private static List<String> tablesTouching(FloatingRoutes routes, Role role) {
        return routes.managedTables().stream()
                .filter(t -> routes.managedChecks().stream().anyMatch(c -> c.routeTableId().equals(t) && c.on(role)))
                .toList();
    }

    private static String allTables(FloatingRoutes routes) {
        int n = routes.fileSystem().routeTableIds().size();
        return n + "/" + n;
    }

    private static String after(Long millis) {
        return millis == null ? "" : " after " + HumanDuration.format(Duration.ofMillis(millis));
    }

    private static Event event(Scope scope, String fsId, EventType type, Instant at, Long durationMillis, String message) {
        return new Event(type, Subjects.fileSystem(scope, fsId), Subjects.fileSystemLabels(scope, fsId), at,
                durationMillis, message);
    }
}
