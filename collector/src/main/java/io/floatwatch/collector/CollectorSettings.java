package io.floatwatch.collector;

import io.floatwatch.collector.aws.EndpointOverride;

import io.floatwatch.collector.aws.AwsClientSettings;

import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsAccess;

import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The collector's immutable runtime settings; the app builds them from its YAML config after
 * validating it.
 *
 * @param scopes             (account, region) pairs to poll
 * @param endpointOverrides  per service, optionally per region; the first match wins
 * @param pollIntervals      per source name ({@code ec2.route-tables}, {@code fsx.file-systems}); others use defaultPollInterval
 * @param jitter             each wait is the interval times (1 +- jitter), so scopes do not poll in lockstep; 0..0.5
 * @param producerProperties extra Kafka producer settings (security, TLS); they cannot turn off idempotence or acks=all
 * @param accounts           per account: the role to assume, if any; an account not listed uses the base credentials
 * @param ec2CallsPerSecond  refill of the token bucket every EC2 Describe/Search call of one (account, region) takes
 *                           from, retries included; EC2's own bucket refills at 20/s and is shared with every other
 *                           tool, so the default 2 is a 10 % share
 * @param ec2Burst           capacity of that bucket
 * @param declaredRouteTableIds route tables polled in the fast loop besides the FSx-managed ones (e.g. client tables)
 * @param routeTableInventory how often the route-table inventory ({@code ec2.route-table-inventory}, a poll of its own
 *                           at the EC2 bucket's background priority) reads every table of the scope; an entry for that
 *                           source in pollIntervals wins
 * @param clientCidrs        the declared clients' CIDRs: looked up (longest prefix) in every TGW route table, so the
 *                           analyzer can prove the return route to each client present or missing
 * @param routeTablesUrgent  the fast route-table loop's cadence while a failover is likely or under way (an administrative
 *                           action, a maintenance window, managed tables that disagree); see {@code RouteTableCadence}
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
        Duration routeTableInventory,
        List<String> clientCidrs,
        Duration routeTablesUrgent) {

    /** AWS's own EC2 bucket for Describe calls, per account and region, shared by everyone calling there. */
    public static final double EC2_REFILL_PER_SECOND = 20;
    public static final int EC2_BUCKET_SIZE = 100;
    /** A 10 % share of {@link #EC2_REFILL_PER_SECOND}, so floatwatch never starves the account's other tools. */
    public static final double DEFAULT_EC2_CALLS_PER_SECOND = 2.0;
    public static final int DEFAULT_EC2_BURST = 10;
    public static final Duration DEFAULT_ROUTE_TABLE_INVENTORY = Duration.ofMinutes(10);

    /** The walking skeleton's settings: every account with its base credentials, the default EC2 share. */
    public CollectorSettings(List<Scope> scopes, List<EndpointOverride> endpointOverrides, Map<String, Duration> pollIntervals,
            Duration defaultPollInterval, double jitter, String topic, String bootstrapServers, String clientId, AwsClientSettings aws,
            Map<String, String> producerProperties) {
        this(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties, List.of(), DEFAULT_EC2_CALLS_PER_SECOND, DEFAULT_EC2_BURST, List.of(), DEFAULT_ROUTE_TABLE_INVENTORY, List.of(),
                RouteTableCadence.DEFAULT_URGENT);
    }

    /** Without an urgent cadence of its own: the default one. */
    public CollectorSettings(List<Scope> scopes, List<EndpointOverride> endpointOverrides, Map<String, Duration> pollIntervals,
            Duration defaultPollInterval, double jitter, String topic, String bootstrapServers, String clientId, AwsClientSettings aws,
            Map<String, String> producerProperties, List<AccountAccess> accounts, double ec2CallsPerSecond, int ec2Burst,
            List<String> declaredRouteTableIds, Duration routeTableInventory, List<String> clientCidrs) {
        this(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs,
                RouteTableCadence.DEFAULT_URGENT);
    }

    public CollectorSettings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        declaredRouteTableIds = declaredRouteTableIds == null ? List.of() : List.copyOf(declaredRouteTableIds);
        clientCidrs = clientCidrs == null ? List.of() : List.copyOf(new java.util.TreeSet<>(clientCidrs));
        routeTableInventory = routeTableInventory == null ? DEFAULT_ROUTE_TABLE_INVENTORY : routeTableInventory;
        routeTablesUrgent = routeTablesUrgent == null ? RouteTableCadence.DEFAULT_URGENT : routeTablesUrgent;
        if (routeTablesUrgent.isNegative() || routeTablesUrgent.isZero()) {
            throw new IllegalArgumentException("routeTablesUrgent must be positive, was " + routeTablesUrgent);
        }
        // AWS's bounds are the config's to enforce (CollectorConfig); tests against the simulator may go beyond them.
        if (!(ec2CallsPerSecond > 0)) {
            throw new IllegalArgumentException("ec2CallsPerSecond must be > 0, was " + ec2CallsPerSecond);
        }
        if (routeTableInventory.isNegative() || routeTableInventory.isZero()) {
            throw new IllegalArgumentException("routeTableInventory must be positive, was " + routeTableInventory);
        }
        if (ec2Burst < 1) {
            throw new IllegalArgumentException("ec2Burst must be >= 1, was " + ec2Burst);
        }
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        endpointOverrides = endpointOverrides == null ? List.of() : List.copyOf(endpointOverrides);
        pollIntervals = pollIntervals == null ? Map.of() : Map.copyOf(pollIntervals);
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
        Objects.requireNonNull(defaultPollInterval, "defaultPollInterval");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(aws, "aws");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        if (jitter < 0 || jitter > 0.5) {
            throw new IllegalArgumentException("jitter must be 0..0.5, was " + jitter);
        }
        List<Duration> all = new ArrayList<>(pollIntervals.values());
        all.add(defaultPollInterval);
        if (all.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("poll intervals must be positive: " + pollIntervals + ", default " + defaultPollInterval);
        }
    }

    /** One-minute polls, 10% jitter, the standard topic, standard retries with 5 attempts. */
    public static CollectorSettings defaults(List<Scope> scopes, String bootstrapServers) {
        return new CollectorSettings(scopes, List.of(), Map.of(), Duration.ofMinutes(1), 0.1, Topics.OBSERVATIONS,
                bootstrapServers, "floatwatch-collector", AwsClientSettings.defaults(), Map.of());
    }

    public Duration pollInterval(String source) {
        Duration interval = pollIntervals.get(source);
        if (interval != null) {
            return interval;
        }
        return RouteTableInventorySource.NAME.equals(source) ? routeTableInventory : defaultPollInterval;
    }

    public Optional<URI> endpointFor(String service, String region) {
        return awsAccess().endpointFor(service, region);
    }

    /** The view the AWS client layer is built from. */
    public AwsAccess awsAccess() {
        return new AwsAccess(aws, ec2CallsPerSecond, ec2Burst, accounts, endpointOverrides);
    }

    /** Every service in every region goes to {@code endpoint}: what the demo does with its simulated AWS. */
    public CollectorSettings withEndpointForAll(URI endpoint) {
        return withEndpointOverrides(EndpointOverride.SERVICES.stream().sorted().map(s -> new EndpointOverride(s, null, endpoint)).toList());
    }

    public Optional<AccountAccess> access(String accountId) {
        return awsAccess().access(accountId);
    }

    public CollectorSettings withEndpointOverrides(List<EndpointOverride> overrides) {
        return new CollectorSettings(scopes, overrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withPollInterval(Duration interval) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, interval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withJitter(double newJitter) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, newJitter, topic, bootstrapServers,
                clientId, aws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withPollIntervals(Map<String, Duration> intervals) {
        return new CollectorSettings(scopes, endpointOverrides, intervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withAws(AwsClientSettings newAws) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId,
                newAws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withTopic(String newTopic) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, newTopic, bootstrapServers,
                clientId, aws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withAccounts(List<AccountAccess> newAccounts) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers,
                clientId, aws, producerProperties, newAccounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withEc2RateLimit(double callsPerSecond, int burst) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers,
                clientId, aws, producerProperties, accounts, callsPerSecond, burst, declaredRouteTableIds, routeTableInventory, clientCidrs, routeTablesUrgent);
    }

    public CollectorSettings withRouteTablesUrgent(Duration urgent) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers,
                clientId, aws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declaredRouteTableIds, routeTableInventory,
                clientCidrs, urgent);
    }

    /** The fast route-table loop's cadence policy for these settings. */
    public RouteTableCadence routeTableCadence() {
        return new RouteTableCadence(pollInterval(io.floatwatch.collector.ec2.RouteTableSource.NAME), routeTablesUrgent, ec2CallsPerSecond);
    }

    public CollectorSettings withRouteTables(List<String> declared, Duration inventory) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers,
                clientId, aws, producerProperties, accounts, ec2CallsPerSecond, ec2Burst, declared, inventory, clientCidrs, routeTablesUrgent);
    }
}
