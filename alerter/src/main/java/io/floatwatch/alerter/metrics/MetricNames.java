package io.floatwatch.alerter.metrics;

/**
 * Micrometer names of the exported metrics; the Prometheus registry turns dots into underscores and
 * appends the unit and {@code _total} suffixes. alerter/README.md documents each one with its labels.
 */
public final class MetricNames {
    /** {@code floatwatch_fsx_route_target}: 1 per floating IP and route table, labelled with the current ENI. */
    public static final String ROUTE_TARGET = "floatwatch.fsx.route.target";
    /** {@code floatwatch_fsx_active_role}: 1 per file system, labelled with its current role. */
    public static final String ACTIVE_ROLE = "floatwatch.fsx.active.role";
    /** {@code floatwatch_fsx_failovers_total}. */
    public static final String FAILOVERS = "floatwatch.fsx.failovers";
    /** {@code floatwatch_fsx_failover_convergence_seconds} (summary: _count, _sum, _max). */
    public static final String CONVERGENCE = "floatwatch.fsx.failover.convergence";
    /** {@code floatwatch_fsx_last_failover_convergence_seconds}. */
    public static final String LAST_CONVERGENCE = "floatwatch.fsx.last.failover.convergence";
    /** {@code floatwatch_fsx_failed_over_seconds} (summary: _count, _sum, _max). */
    public static final String FAILED_OVER = "floatwatch.fsx.failed.over";
    /** {@code floatwatch_fsx_last_failed_over_seconds}. */
    public static final String LAST_FAILED_OVER = "floatwatch.fsx.last.failed.over";
    /**
     * {@code floatwatch_failover_client_outage_seconds} (histogram): per failover or failback, client and endpoint kind,
     * the outage the client's probe measured (first failed probe to first success).
     */
    public static final String CLIENT_OUTAGE = "floatwatch.failover.client.outage";
    /** {@code floatwatch_findings_active}. */
    public static final String FINDINGS_ACTIVE = "floatwatch.findings.active";
    /** {@code floatwatch_alerter_records_total}. */
    public static final String RECORDS = "floatwatch.alerter.records";
    /** {@code floatwatch_alerter_notifications_total}. */
    public static final String NOTIFICATIONS = "floatwatch.alerter.notifications";

    /** {@code floatwatch_alerter_consumer_lag_records}: records not yet read, per topic. */
    public static final String CONSUMER_LAG = "floatwatch.alerter.consumer.lag.records";
    /** {@code floatwatch_alerter_last_poll_timestamp_seconds}: when the consume loop last returned from a poll. */
    public static final String LAST_POLL = "floatwatch.alerter.last.poll.timestamp.seconds";

    /**
     * Subject labels the analyzer is adding for VPN tunnels and client paths; model's Labels will own
     * them, until then the names are fixed here so the metric's label set is stable from day one.
     */
    public static final String VPN_ID = "vpn_id";
    public static final String TUNNEL_IP = "tunnel_ip";
    public static final String CLIENT = "client";

    /** Label of the notification counter: the configured sink name. */
    public static final String SINK = "sink";
    /** Label of {@link #FINDINGS_ACTIVE}: the finding type, e.g. {@code fsx_failover_stalled}. */
    public static final String TYPE = "type";
    /** Label of {@link #FINDINGS_ACTIVE}: {@code critical}, {@code warning} or {@code info}. */
    public static final String SEVERITY = "severity";
    /** Label of the self metrics: the topic a record came from. */
    public static final String TOPIC = "topic";
    /** Label of the self metrics: what happened to a record or a notification. */
    public static final String OUTCOME = "outcome";

    private MetricNames() {
    }
}
