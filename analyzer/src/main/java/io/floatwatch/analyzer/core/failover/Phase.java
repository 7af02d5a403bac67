package io.floatwatch.analyzer.core.failover;

/** Where a Multi-AZ file system stands in the failover cycle; see core/DESIGN.md. */
public enum Phase {
    /** Every floating route points at the preferred ENI (or none points at the standby). */
    HOME,
    /** Some floating routes point at the standby ENI, some do not yet. */
    FAILING_OVER,
    /** Every floating route points at the standby ENI. */
    FAILED_OVER,
    /** Some floating routes point back at the preferred ENI, some still at the standby. */
    FAILING_BACK;

    public boolean inTransit() {
        return this == FAILING_OVER || this == FAILING_BACK;
    }
}
