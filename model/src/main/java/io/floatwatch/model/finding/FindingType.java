package io.floatwatch.model.finding;

import java.util.Locale;

/**
 * Every kind of finding the analyzer can raise, with its default severity and the runbook hint
 * on-call reads. The Prometheus label and the Alertmanager alertname derive from the name.
 */
public enum FindingType {
    /** Some or all floating /32 routes of a file system point at its standby ENI. */
    FSX_FAILED_OVER(Severity.WARNING,
            "Clients keep working if every table flipped. Check the FSx console for the cause (maintenance,"
                    + " throughput change, AZ fault); FSx fails back on its own."),
    /** A failover started but some route tables still point at the old ENI past the deadline. */
    FSX_FAILOVER_STALLED(Severity.CRITICAL,
            "Subnets behind the tables left behind cannot reach the file system. Open an AWS support case;"
                    + " as a stopgap, repoint the listed tables' floating /32 route to the active ENI."),
    /** A floating /32 route points at an ENI that belongs to no known file system, or is a blackhole. */
    FLOATING_ROUTE_BAD_TARGET(Severity.CRITICAL,
            "The floating IP is unreachable from subnets using this table. Check whether the ENI was deleted"
                    + " or the route was edited by hand; FSx only rewrites routes it manages."),
    /** A table listed in RouteTableIds holds no /32 route for a floating IP. */
    FLOATING_ROUTE_MISSING(Severity.CRITICAL,
            "Subnets using this table cannot reach the floating IP. Check that the table is still in the file"
                    + " system's RouteTableIds and that nobody deleted the route."),
    /** The view of a scope is older than allowed: a source failed or went silent. */
    DATA_STALE(Severity.WARNING,
            "floatwatch cannot vouch for this scope. Check the collector's logs and floatwatch_poll_errors_total"
                    + " for the failing source (credentials, throttling, endpoint).");

    private final Severity defaultSeverity;
    private final String runbook;

    FindingType(Severity defaultSeverity, String runbook) {
        this.defaultSeverity = defaultSeverity;
        this.runbook = runbook;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String runbook() {
        return runbook;
    }

    /** {@code fsx_failed_over}: the Prometheus label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code FsxFailedOver}: the Alertmanager alertname. */
    public String alertName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
