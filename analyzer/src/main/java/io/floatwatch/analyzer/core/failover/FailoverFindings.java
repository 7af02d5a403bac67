package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The file-system-wide findings that follow from the failover phase: FSX_FAILED_OVER and FSX_FAILOVER_STALLED. */
public final class FailoverFindings {

    private FailoverFindings() {
    }

    /** FSX_FAILED_OVER while the cycle is away from HOME. */
    public static Finding failedOver(Scope scope, FileSystemState s, FloatingRoutes routes, Instant at) {
        if (s.phase() == null || s.phase() == Phase.HOME) {
            return null;
        }
        String fsId = routes.fileSystem().fileSystemId();
        int total = routes.fileSystem().routeTableIds().size();
        List<String> onStandby = routes.tablesOn(Role.STANDBY);
        List<String> left = routes.tablesNotOn(Role.STANDBY);
        String ips = routes.floatingIpList();
        String to = routes.describe(s.toEni());
        String summary;
        String phase;
        Map<String, String> evidence = new LinkedHashMap<>();
        switch (s.phase()) {
            case FAILING_OVER -> {
                phase = onStandby.size() <= 1 ? "started" : "partial";
                summary = fsId + " failing over: " + onStandby.size() + "/" + total + " route tables for " + ips
                        + " point at standby " + to + "; still elsewhere: " + String.join(", ", left);
            }
            case FAILED_OVER -> {
                phase = "converged";
                String took;
                if (s.startSeen()) {
                    Duration d = Duration.between(s.failoverStartedAt(), s.convergedAt());
                    evidence.put("convergence_seconds", Long.toString(d.getSeconds()));
                    took = " after " + HumanDuration.format(d);
                } else {
                    took = " (already failed over when first seen)";
                }
                summary = fsId + " failed over: " + onStandby.size() + "/" + total + " route tables for " + ips
                        + " now point at standby " + to + took;
            }
            default -> {
                phase = "failing_back";
                List<String> back = routes.tablesOn(Role.PREFERRED);
                summary = fsId + " failing back: " + back.size() + "/" + total + " route tables for " + ips
                        + " point at preferred " + routes.describe(s.fromEni()) + " again; still on standby: "
                        + String.join(", ", routes.tablesNotOn(Role.PREFERRED));
            }
        }
        summary += FailoverMachine.planned(s, routes);
        evidence.put("phase", phase);
        evidence.put("floating_ips", ips);
        evidence.put("route_table_ids", String.join(",", routes.fileSystem().routeTableIds()));
        evidence.put("tables_moved", String.join(",", onStandby));
        evidence.put("tables_left", String.join(",", left));
        evidence.put("from_eni", s.fromEni());
        evidence.put("to_eni", s.toEni());
        putIfKnown(evidence, "from_subnet", routes.subnetOfEni().get(s.fromEni()));
        putIfKnown(evidence, "to_subnet", routes.subnetOfEni().get(s.toEni()));
        putIfKnown(evidence, "planned_cause", s.plannedCause());
        if (!s.startSeen()) {
            evidence.put("start_seen", "false");
        }
        return Finding.firing(FindingType.FSX_FAILED_OVER, Subjects.fileSystem(scope, fsId),
                Subjects.fileSystemLabels(scope, fsId), s.failoverStartedAt(), at, evidence, summary);
    }

    /** FSX_FAILOVER_STALLED once a move has been in transit longer than the deadline, in event time. */
    public static Finding stalled(Scope scope, FileSystemState s, FloatingRoutes routes, Instant at, FailoverPolicy policy) {
        if (s.phase() == null || !s.phase().inTransit()) {
            return null;
        }
        boolean failover = s.phase() == Phase.FAILING_OVER;
        Instant since = failover ? s.failoverStartedAt() : s.failbackStartedAt();
        Instant deadline = since.plus(policy.stallDeadline());
        if (at.isBefore(deadline)) {
            return null;
        }
        String fsId = routes.fileSystem().fileSystemId();
        Role target = failover ? Role.STANDBY : Role.PREFERRED;
        String oldEni = failover ? s.fromEni() : s.toEni();
        String newEni = failover ? s.toEni() : s.fromEni();
        List<String> moved = routes.tablesOn(target);
        List<String> left = routes.tablesNotOn(target);
        String move = failover ? "failover" : "failback";
        int total = routes.fileSystem().routeTableIds().size();
        String summary = fsId + " " + move + " stalled: " + String.join(", ", left) + " still not on "
                + routes.describe(newEni) + " for " + routes.floatingIpList() + " " + HumanDuration.format(policy.stallDeadline())
                + " after the " + move + " started (" + moved.size() + "/" + total + " route tables moved; old ENI "
                + routes.describe(oldEni) + ")";
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("direction", move);
        evidence.put("floating_ips", routes.floatingIpList());
        evidence.put("tables_moved", String.join(",", moved));
        evidence.put("tables_left", String.join(",", left));
        evidence.put("from_eni", oldEni);
        evidence.put("to_eni", newEni);
        evidence.put("deadline_seconds", Long.toString(policy.stallDeadline().getSeconds()));
        return Finding.firing(FindingType.FSX_FAILOVER_STALLED, Subjects.fileSystem(scope, fsId),
                Subjects.fileSystemLabels(scope, fsId), deadline, at, evidence, summary);
    }

    public static String stallClosing(String fsId, FileSystemState s) {
        String now = switch (s.phase() == null ? Phase.HOME : s.phase()) {
            case FAILED_OVER -> "failover converged";
            case HOME -> "every route is back on the preferred ENI";
            default -> "the move reversed";
        };
        return fsId + " no longer stalled: " + now;
    }

    private static void putIfKnown(Map<String, String> evidence, String key, String value) {
        if (value != null) {
            evidence.put(key, value);
        }
    }
}
