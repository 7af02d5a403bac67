package io.floatwatch.collector;

import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an operator chooses for the collector (the app's {@code collector:} section, validated straight into this):
 * how often each source polls and how hard it may call AWS. What comes from elsewhere, the scopes and roles of
 * {@code aws.accounts}, the endpoint overrides, the declared clients' CIDRs, the analyzer's failover windows and the
 * brokers, {@link #settings} adds. The fields mean what they mean in {@link CollectorSettings}.
 *
 * @param intervals per source name; a source not listed polls at its {@link SourceRegistry} default, so this
 *                  always lists every source
 * @param aws       retry mode and attempts (and the timeouts, which no config sets)
 * @param group     the scope-sharing group this collector is a replica of ({@code collector.group}); null: it polls
 *                  every scope itself
 */
public record CollectorOptions(Map<String, Duration> intervals, double jitter, List<String> declaredRouteTableIds,
        double ec2CallsPerSecond, int ec2Burst, AwsClientSettings aws, Duration routeTablesUrgent, Group group) {

    /**
     * {@code collector.group}: the replicas of one deployment join the Kafka consumer group {@code id} and share the
     * scopes (see {@code io.floatwatch.collector.group.ScopeGroupSettings}, which adds the replica's own name).
     */
    public record Group(String id, Duration sessionTimeout, String topic) {
    }

    /** Without a group: every scope polled here. */
    public CollectorOptions(Map<String, Duration> intervals, double jitter, List<String> declaredRouteTableIds,
            double ec2CallsPerSecond, int ec2Burst, AwsClientSettings aws, Duration routeTablesUrgent) {
        this(intervals, jitter, declaredRouteTableIds, ec2CallsPerSecond, ec2Burst, aws, routeTablesUrgent, null);
    }

    public CollectorOptions {
        Map<String, Duration> all = new HashMap<>(intervals == null ? Map.of() : intervals);
        SourceRegistry.ROWS.forEach(r -> all.putIfAbsent(r.name(), r.defaultInterval()));
        intervals = Map.copyOf(all);
        declaredRouteTableIds = declaredRouteTableIds == null ? List.of() : List.copyOf(declaredRouteTableIds);
        Objects.requireNonNull(aws, "aws");
        routeTablesUrgent = routeTablesUrgent == null ? RouteTableCadence.DEFAULT_URGENT : routeTablesUrgent;
    }

    /** Every setting at the collector's default: what a file without a {@code collector:} section gets. */
    public static CollectorOptions defaults() {
        return new CollectorOptions(Map.of(), CollectorSettings.DEFAULT_JITTER, List.of(),
                CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND, CollectorSettings.DEFAULT_EC2_BURST, AwsClientSettings.defaults(),
                RouteTableCadence.DEFAULT_URGENT);
    }

    public Duration interval(String source) {
        Duration d = intervals.get(source);
        if (d == null) {
            throw new IllegalArgumentException("unknown source '" + source + "' (expected one of " + SourceRegistry.names() + ")");
        }
        return d;
    }

    public Duration routeTablesInterval() {
        return interval(RouteTableSource.NAME);
    }

    public Duration fileSystemsInterval() {
        return interval(FileSystemSource.NAME);
    }

    /** The same options with one source polled at another interval (tests, the demo and benchmarks poll faster). */
    public CollectorOptions withInterval(String source, Duration interval) {
        interval(source);
        Map<String, Duration> changed = new HashMap<>(intervals);
        changed.put(source, interval);
        return new CollectorOptions(changed, jitter, declaredRouteTableIds, ec2CallsPerSecond, ec2Burst, aws, routeTablesUrgent, group);
    }

    /** The same options with another share of EC2's API budget (the simulator has no budget to share). */
    public CollectorOptions withEc2Budget(double callsPerSecond, int burst) {
        return new CollectorOptions(intervals, jitter, declaredRouteTableIds, callsPerSecond, burst, aws, routeTablesUrgent, group);
    }

    public CollectorOptions withDeclaredRouteTableIds(List<String> ids) {
        return new CollectorOptions(intervals, jitter, ids, ec2CallsPerSecond, ec2Burst, aws, routeTablesUrgent, group);
    }

    public CollectorOptions withRouteTablesUrgent(Duration urgent) {
        return new CollectorOptions(intervals, jitter, declaredRouteTableIds, ec2CallsPerSecond, ec2Burst, aws, urgent, group);
    }

    /**
     * The collector's settings: these options with what the rest of the config and the start give.
     *
     * @param scopes      every (account, region) of {@code aws.accounts}
     * @param accounts    the role to assume in each account
     * @param clientCidrs     the declared clients' CIDRs
     * @param failoverWindows the analyzer's maintenance window and stall deadline, which the urgent cadence follows
     */
    public CollectorSettings settings(List<Scope> scopes, List<EndpointOverride> endpointOverrides, List<AccountAccess> accounts,
            List<String> clientCidrs, RouteTableCadence.Windows failoverWindows, String bootstrapServers,
            Map<String, String> producerProperties) {
        // Every source is in intervals, so the default interval is only a fallback no registry source reaches.
        return new CollectorSettings(scopes, endpointOverrides, intervals, fileSystemsInterval(), jitter, Topics.OBSERVATIONS,
                bootstrapServers, CollectorSettings.CLIENT_ID, aws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst,
                declaredRouteTableIds, clientCidrs, routeTablesUrgent, failoverWindows);
    }
}
