package io.floatwatch.analyzer.core.failover;

/**
 * What one table does with one floating IP.
 *
 * @param managed     the table is in the file system's RouteTableIds, so FSx owns the route
 * @param targetId    the route's target ({@code eni-...}, {@code tgw-...}); null when there is no route
 * @param routeState  {@code active} or {@code blackhole}; null when there is no route
 * @param role        for {@link Verdict#ON_FILE_SYSTEM}: which ENI of the file system; else UNKNOWN
 * @param problem     for {@link Verdict#BAD_TARGET}: why, in words; else null
 * @param reason      for {@link Verdict#BAD_TARGET}: deleted_eni, blackhole, not_eni, other_file_system or
 *                    unknown_eni, for the evidence; else null
 */
public record RouteCheck(
        String floatingIp,
        String routeTableId,
        boolean managed,
        String targetId,
        String routeState,
        Verdict verdict,
        Role role,
        String problem,
        String reason) {

    enum Verdict {
        /** The route points at one of the file system's own ENIs and is active. */
        ON_FILE_SYSTEM,
        /** A managed table holds no /32 route for the floating IP. */
        MISSING,
        /** Blackhole, not an ENI, an ENI of another file system or of none. */
        BAD_TARGET
    }

    boolean on(Role wanted) {
        return verdict == Verdict.ON_FILE_SYSTEM && role == wanted;
    }

    /** Key of this route in the file system's state: {@code rtb-id floating-ip}. */
    public String key() {
        return routeTableId + " " + floatingIp;
    }
}
