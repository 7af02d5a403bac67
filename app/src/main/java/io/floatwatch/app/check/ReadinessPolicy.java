package io.floatwatch.app.check;

import io.floatwatch.model.finding.FindingType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which findings break a client on failover (a problem, exit 1) and which only warn. Every finding type is a
 * problem unless listed here, so a rule added to the analyzer later fails a check until someone decides it
 * only warns: a check that cannot tell must not pass CI.
 */
public final class ReadinessPolicy {

    /**
     * Conditions that do not stop a client from following the next failover: the failover cycle as it stands now
     * (already failed over, overdue failback), VPN conditions that leave a path up, and lints the path verdicts
     * decide for each client (a range outside the VPC works over a TGW with static routes; the TGW clients' paths
     * say whether it has them).
     */
    static final Set<FindingType> WARNINGS = EnumSet.of(FindingType.FSX_FAILED_OVER, FindingType.FSX_UNPLANNED_FAILOVER,
            FindingType.FSX_FAILBACK_OVERDUE, FindingType.FLOATING_ROUTE_ORPHANED, FindingType.DATA_STALE,
            FindingType.ACCOUNT_ACCESS_FAILED, FindingType.ENDPOINT_RANGE_OUTSIDE_VPC, FindingType.VPN_TUNNEL_DOWN,
            FindingType.VPN_BGP_DOWN, FindingType.VPN_REDUNDANCY_LOST, FindingType.VPN_NO_ROUTES_ACCEPTED,
            FindingType.VPN_ROUTES_NOT_PROPAGATED, FindingType.VPN_TUNNEL_FLAPPING, FindingType.VPN_TELEMETRY_DISAGREES);

    /** Reported per path instead, with its hops: the findings would repeat them. */
    static final Set<FindingType> PER_PATH = EnumSet.of(FindingType.CLIENT_PATH_UNREACHABLE,
            FindingType.CLIENT_PATH_UNSUPPORTED, FindingType.CLIENT_PATH_UNVERIFIED);

    public static final int READY = 0;
    public static final int NOT_READY = 1;
    public static final int CANNOT_TELL = 2;

    private ReadinessPolicy() {
    }

    static Level levelOf(FindingType type) {
        return WARNINGS.contains(type) ? Level.WARNING : Level.PROBLEM;
    }

    /**
     * 2 when a read failed (the snapshot is not whole), else 1 when anything breaks a client or cannot be proven,
     * else 0: warnings alone pass.
     */
    static int exitCode(boolean readErrors, java.util.Collection<Level> levels) {
        if (readErrors) {
            return CANNOT_TELL;
        }
        return levels.stream().anyMatch(l -> l == Level.PROBLEM || l == Level.UNVERIFIED) ? NOT_READY : READY;
    }

    /** How bad an item is, worst first: the order of the report. */
    public enum Level {
        PROBLEM, UNVERIFIED, WARNING, OK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
