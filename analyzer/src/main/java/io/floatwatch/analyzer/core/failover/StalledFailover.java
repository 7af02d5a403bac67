package io.floatwatch.analyzer.core.failover;

import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route tables a stalled failover (or failback) left behind, read from the file system's open
 * FSX_FAILOVER_STALLED finding: past the deadline, a table still on the old ENI sends clients to an ENI
 * that no longer serves the floating IPs. Before the deadline the same picture is normal convergence
 * and cuts nobody off, so nothing is left behind.
 *
 * @param tables    the tables left behind
 * @param oldEni    the ENI they still point at
 * @param activeEni the ENI serving the floating IPs now
 */
public record StalledFailover(Set<String> tables, String oldEni, String activeEni) {

    /** Changed, for the path pieces of a file system, when its stall starts, changes or ends. */
    public static String key(String fsId) {
        return "stall:" + fsId;
    }

    /** Null when the file system has no stalled move (or is unknown). */
    public static StalledFailover of(FileSystemState state) {
        if (state == null) {
            return null;
        }
        for (Finding f : state.open().values()) {
            if (f.type() == FindingType.FSX_FAILOVER_STALLED) {
                String left = f.evidence().getOrDefault("tables_left", "");
                Set<String> tables = new TreeSet<>(Arrays.asList(left.split(",")));
                tables.remove("");
                return new StalledFailover(Set.copyOf(tables), f.evidence().get("from_eni"), f.evidence().get("to_eni"));
            }
        }
        return null;
    }

    public boolean leftBehind(String routeTableId) {
        return tables.contains(routeTableId);
    }
}
