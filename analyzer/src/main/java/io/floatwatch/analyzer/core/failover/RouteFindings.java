package io.floatwatch.analyzer.core.failover;

import io.floatwatch.analyzer.core.failover.RouteCheck.Verdict;
import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-route findings: FLOATING_ROUTE_BAD_TARGET and FLOATING_ROUTE_MISSING. */
public final class RouteFindings {

    private RouteFindings() {
    }

    public static Map<String, Finding> desired(Scope scope, FloatingRoutes routes, Instant at) {
        Map<String, Finding> out = new LinkedHashMap<>();
        String fsId = routes.fileSystem().fileSystemId();
        for (RouteCheck c : routes.checks()) {
            String subject = Subjects.route(scope, fsId, c.routeTableId(), c.floatingIp());
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("route_table_id", c.routeTableId());
            evidence.put("floating_ip", c.floatingIp());
            evidence.put("managed_by_fsx", Boolean.toString(c.managed()));
            Finding f = null;
            if (c.verdict() == Verdict.BAD_TARGET) {
                evidence.put("target", c.targetId() == null ? "" : c.targetId());
                evidence.put("route_state", c.routeState() == null ? "" : c.routeState());
                evidence.put("reason", c.reason());
                f = Finding.firing(FindingType.FLOATING_ROUTE_BAD_TARGET, subject,
                        Subjects.routeLabels(scope, fsId, c.routeTableId(), c.floatingIp()), at, at, evidence,
                        fsId + ": the route for floating IP " + c.floatingIp() + " in " + c.routeTableId() + " "
                                + c.problem() + "; subnets using " + c.routeTableId() + " cannot reach it");
            } else if (c.verdict() == Verdict.MISSING && c.managed()) {
                f = Finding.firing(FindingType.FLOATING_ROUTE_MISSING, subject,
                        Subjects.routeLabels(scope, fsId, c.routeTableId(), c.floatingIp()), at, at, evidence,
                        fsId + ": " + c.routeTableId() + " has no route for floating IP " + c.floatingIp()
                                + "; subnets using it cannot reach the file system");
            }
            if (f != null) {
                out.put(f.id(), f);
            }
        }
        return out;
    }

    /** Whether the finding is one of these per-route findings. */
    public static boolean owns(Finding f) {
        return f.type() == FindingType.FLOATING_ROUTE_BAD_TARGET || f.type() == FindingType.FLOATING_ROUTE_MISSING;
    }

    /** Why a per-route finding cleared, from what the route looks like now. */
    public static String closing(Finding open, FloatingRoutes routes) {
        String table = open.labels().get(io.floatwatch.model.Labels.ROUTE_TABLE_ID);
        String ip = open.labels().get(io.floatwatch.model.Labels.FLOATING_IP);
        String fsId = routes == null ? open.labels().get(io.floatwatch.model.Labels.FS_ID) : routes.fileSystem().fileSystemId();
        if (routes != null) {
            for (RouteCheck c : routes.checks()) {
                if (c.routeTableId().equals(table) && c.floatingIp().equals(ip) && c.verdict() == Verdict.ON_FILE_SYSTEM) {
                    return fsId + ": the route for floating IP " + ip + " in " + table + " points at " + c.role().label()
                            + " " + routes.describe(c.targetId()) + " again";
                }
            }
        }
        return fsId + ": the route for floating IP " + ip + " in " + table + " is no longer observed";
    }
}
