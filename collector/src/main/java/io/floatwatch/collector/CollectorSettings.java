package io.floatwatch.collector;

import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsAccess;
import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The collector's immutable runtime settings; the app builds them from its YAML config after
 * validating it.
 *
 * @param scopes             (account, region) pairs to poll
 * @param endpointOverrides  per service, optionally per region; the first match wins
 * @param pollIntervals      per source name ({@code ec2.route-tables}, {@code ec2.route-table-inventory}, ...); a source not
 *                           listed uses defaultPollInterval, except the route-table inventory, which keeps its registry
 *                           default
 * @param jitter             each wait is the interval times (1 +- jitter), so scopes do not poll in lockstep; 0 to {@link #MAX_JITTER}
 * @param producerProperties extra Kafka producer settings (security, TLS); they cannot turn off idempotence or acks=all
 * @param accounts           per account: the role to assume, if any; an account not listed uses the base credentials
 * @param ec2CallsPerSecond  refill of the token bucket every EC2 Describe/Search call of one (account, region) takes
 *                           from, retries included; EC2's own bucket refills at 20/s and is shared with every other
 *                           tool, so the default 2 is a 10 % share
 * @param ec2Burst           capacity of that bucket
 * @param declaredRouteTableIds route tables polled in the fast loop besides the FSx-managed ones (e.g. client tables)
 * @param clientCidrs        the declared clients' CIDRs: looked up (longest prefix) in every TGW route table, so the
 *                           analyzer can prove the return route to each client present or missing
 * @param routeTablesUrgent  the fast route-table loop's cadence while a failover is likely or under way (an administrative
 *                           action, a maintenance window, managed tables that disagree); see {@code RouteTableCadence}
 * @param failoverWindows    how long a maintenance window and a disagreement keep that cadence: the analyzer's
 *                           maintenanceWindow and stallDeadline; null for their defaults
 */
public record CollectorSettings(
        List<Scope> scopes,
        List<EndpointOverride> endpointOverrides,
        Map<String, Duration> pollIntervals,
        Duration defaultPollInterval,
        double jitter,
        String topic,
        String bootstrapServers,
        String clientId,
        AwsClientSettings aws,
        Map<String, String> producerProperties,
        List<AccountAccess> accounts,
        double ec2CallsPerSecond,
        int ec2Burst,
        List<String> declaredRouteTableIds,
        List<String> clientCidrs,
        Duration routeTablesUrgent,
        RouteTableCadence.Windows failoverWindows) {

    /** AWS's own EC2 bucket for Describe calls, per account and region, shared by everyone calling there. */
    public static final double EC2_REFILL_PER_SECOND = 20;
    public static final int EC2_BUCKET_SIZE = 100;
    /** A 10 % share of {@link #EC2_REFILL_PER_SECOND}, so floatwatch never starves the account's other tools. */
    public static final double DEFAULT_EC2_CALLS_PER_SECOND = 2.0;
    public static final int DEFAULT_EC2_BURST = 10;
    public static final double DEFAULT_JITTER = 0.1;
    /** The Kafka producer's client id, so the broker's quotas and logs name the collector. */
    public static final String CLIENT_ID = "floatwatch-collector";
    /** At most half: no wait is then shorter than half the interval, so jitter spreads polls without doubling their rate. */
    public static final double MAX_JITTER = 0.5;

    public CollectorSettings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        declaredRouteTableIds = declaredRouteTableIds == null ? List.of() : List.copyOf(declaredRouteTableIds);
        clientCidrs = clientCidrs == null ? List.of() : List.copyOf(new java.util.TreeSet<>(clientCidrs));
        routeTablesUrgent = routeTablesUrgent == null ? RouteTableCadence.DEFAULT_URGENT : routeTablesUrgent;
        failoverWindows = failoverWindows == null ? RouteTableCadence.Windows.DEFAULTS : failoverWindows;
        if (routeTablesUrgent.isNegative() || routeTablesUrgent.isZero()) {
            throw new IllegalArgumentException("routeTablesUrgent must be positive, was " + routeTablesUrgent);
        }
        // AWS's bounds are the config's to enforce (CollectorConfig); tests against the simulator may go beyond them.
        if (!(ec2CallsPerSecond > 0)) {
            throw new IllegalArgumentException("ec2CallsPerSecond must be > 0, was " + ec2CallsPerSecond);
        }
        if (ec2Burst < 1) {
            throw new IllegalArgumentException("ec2Burst must be >= 1, was " + ec2Burst);
        }
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        endpointOverrides = endpointOverrides == null ? List.of() : List.copyOf(endpointOverrides);
        pollIntervals = withInventory(pollIntervals);
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
        Objects.requireNonNull(defaultPollInterval, "defaultPollInterval");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(aws, "aws");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        if (jitter < 0 || jitter > MAX_JITTER) {
            throw new IllegalArgumentException("jitter must be 0.." + MAX_JITTER + ", was " + jitter);
        }
        List<Duration> all = new ArrayList<>(pollIntervals.values());
        all.add(defaultPollInterval);
        if (all.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("poll intervals must be positive: " + pollIntervals + ", default " + defaultPollInterval);
        }
    }

    /**
     * One-minute polls, the default jitter, the standard topic, standard retries with 5 attempts, every account with its
     * base credentials, the default EC2 share: what tests and benchmarks start from.
     */
    public static CollectorSettings defaults(List<Scope> scopes, String bootstrapServers) {
        return new CollectorSettings(scopes, List.of(), Map.of(), Duration.ofMinutes(1), DEFAULT_JITTER, Topics.OBSERVATIONS,
                bootstrapServers, CLIENT_ID, AwsClientSettings.defaults(), Map.of(), List.of(), DEFAULT_EC2_CALLS_PER_SECOND,
                DEFAULT_EC2_BURST, List.of(), List.of(), RouteTableCadence.DEFAULT_URGENT, RouteTableCadence.Windows.DEFAULTS);
    }

    public Duration pollInterval(String source) {
        return pollIntervals.getOrDefault(source, defaultPollInterval);
    }

    /**
     * The intervals with the route-table inventory's registry default added when they do not list it: the inventory
     * reads every table of the scope, so a short defaultPollInterval (tests poll everything every second) must not
     * turn it into a whole-region read per second.
     */
    private static Map<String, Duration> withInventory(Map<String, Duration> intervals) {
        Map<String, Duration> all = new HashMap<>(intervals == null ? Map.of() : intervals);
        all.computeIfAbsent(RouteTableInventorySource.NAME,
                name -> SourceRegistry.row(name).orElseThrow().defaultInterval());
        return Map.copyOf(all);
    }

    /** The view the AWS client layer is built from. */
    public AwsAccess awsAccess() {
        return new AwsAccess(aws, ec2CallsPerSecond, ec2Burst, accounts, endpointOverrides);
    }

    /** The fast route-table loop's cadence policy for these settings. */
    public RouteTableCadence routeTableCadence() {
        return new RouteTableCadence(pollInterval(RouteTableSource.NAME), routeTablesUrgent, ec2CallsPerSecond, failoverWindows);
    }
}
