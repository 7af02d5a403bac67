package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Findings about the failover cycle beyond its phase: FSX_UNPLANNED_FAILOVER and FSX_FAILBACK_OVERDUE. */
public final class CycleFindings {

    private CycleFindings() {
    }

    /**
     * Fires while a failover that was seen starting has no planned cause, once that absence means
     * something. A file system first seen already failed over is not called unplanned: its start,
     * and so its cause, was never seen.
     */
    public static Finding unplanned(Scope scope, FileSystemState s, FloatingRoutes routes, Instant at, RulePolicy policy) {
        if (!awaitingCause(s) || !causeKnown(s, routes.fileSystem().observedAt(), at, policy)) {
            return null;
        }
        String fsId = routes.fileSystem().fileSystemId();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("floating_ips", routes.floatingIpList());
        evidence.put("from_eni", s.fromEni());
        evidence.put("to_eni", s.toEni());
        String fromSubnet = routes.subnetOfEni().get(s.fromEni());
        if (fromSubnet != null) {
            evidence.put("from_subnet", fromSubnet);
        }
        if (routes.fileSystem().weeklyMaintenanceStartTime() != null) {
            evidence.put("maintenance_window", routes.fileSystem().weeklyMaintenanceStartTime());
        }
        String summary = fsId + " failed over to " + routes.describe(s.toEni())
                + " with no planned cause: no administrative action in progress, outside the weekly maintenance window "
                + (routes.fileSystem().weeklyMaintenanceStartTime() == null ? "(none set)"
                        : routes.fileSystem().weeklyMaintenanceStartTime() + " UTC")
                + ", no VPN tunnel maintenance";
        return Finding.firing(FindingType.FSX_UNPLANNED_FAILOVER, Subjects.fileSystem(scope, fsId),
                Subjects.fileSystemLabels(scope, fsId), s.failoverStartedAt(), at, evidence, summary);
    }

    /** A failover seen starting, with no planned cause so far: the only kind that can be unplanned. */
    public static boolean awaitingCause(FileSystemState s) {
        return s.phase() != null && s.phase() != Phase.HOME && s.startSeen() && s.plannedCause() == null;
    }

    /**
     * Whether "no planned cause" can be believed: FSx has been observed since the failover started (an
     * action in progress would have shown), or the grace has passed. Both only become true as time moves
     * on, so the verdict never flips back, and both are read from the state and the model, so a restart
     * mid-grace judges the same.
     */
    static boolean causeKnown(FileSystemState s, Instant fileSystemObservedAt, Instant at, RulePolicy policy) {
        return fileSystemObservedAt.isAfter(s.failoverStartedAt())
                || !at.isBefore(s.failoverStartedAt().plus(policy.unplannedGrace()));
    }

    /** Fires once the file system has been fully failed over for longer than the policy allows. */
    public static Finding failbackOverdue(Scope scope, FileSystemState s, FloatingRoutes routes, Instant at, RulePolicy policy) {
        if (s.phase() != Phase.FAILED_OVER) {
            return null;
        }
        Instant since = s.convergedAt() != null ? s.convergedAt() : s.failoverStartedAt();
        if (since == null) {
            return null;
        }
        Instant deadline = since.plus(policy.failbackOverdue());
        if (at.isBefore(deadline)) {
            return null;
        }
        String fsId = routes.fileSystem().fileSystemId();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("floating_ips", routes.floatingIpList());
        evidence.put("on_eni", s.toEni());
        evidence.put("preferred_eni", s.fromEni());
        evidence.put("route_table_ids", String.join(",", routes.fileSystem().routeTableIds()));
        evidence.put("overdue_after_seconds", Long.toString(policy.failbackOverdue().getSeconds()));
        String summary = fsId + " still failed over to " + routes.describe(s.toEni()) + " "
                + HumanDuration.format(policy.failbackOverdue()) + " after converging; no failback to preferred "
                + routes.describe(s.fromEni()) + " has started" + PlannedCause.describe(s.plannedCause(), routes.fileSystem());
        return Finding.firing(FindingType.FSX_FAILBACK_OVERDUE, Subjects.fileSystem(scope, fsId),
                Subjects.fileSystemLabels(scope, fsId), deadline, at, evidence, summary);
    }

    public static String closing(Finding open, FileSystemState s, String fsId) {
        if (open.type() == FindingType.FSX_UNPLANNED_FAILOVER) {
            return s.phase() == Phase.HOME || s.phase() == null ? fsId + " is back home; the unplanned failover ended"
                    : fsId + " failover explained" + PlannedCause.describe(s.plannedCause(), null);
        }
        return s.phase() == Phase.HOME || s.phase() == null ? fsId + " failed back"
                : fsId + " failback started";
    }

}
