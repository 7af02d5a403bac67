package io.floatwatch.collector;

import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of {@link CollectorSettings} with one thing changed, for tests: production builds its settings once from
 * the validated config (the app's CollectorRole), so these copies stay out of the collector's main code.
 */
public final class CollectorSettingsBuilder {

    private final CollectorSettings base;
    private List<EndpointOverride> endpointOverrides;
    private Map<String, Duration> pollIntervals;
    private Duration defaultPollInterval;
    private double jitter;
    private String topic;
    private AwsClientSettings aws;
    private List<AccountAccess> accounts;
    private double ec2CallsPerSecond;
    private int ec2Burst;
    private List<String> declaredRouteTableIds;
    private Duration routeTablesUrgent;

    private CollectorSettingsBuilder(CollectorSettings base) {
        this.base = base;
        endpointOverrides = base.endpointOverrides();
        pollIntervals = new HashMap<>(base.pollIntervals());
        defaultPollInterval = base.defaultPollInterval();
        jitter = base.jitter();
        topic = base.topic();
        aws = base.aws();
        accounts = base.accounts();
        ec2CallsPerSecond = base.ec2CallsPerSecond();
        ec2Burst = base.ec2Burst();
        declaredRouteTableIds = base.declaredRouteTableIds();
        routeTablesUrgent = base.routeTablesUrgent();
    }

    public static CollectorSettingsBuilder from(CollectorSettings settings) {
        return new CollectorSettingsBuilder(settings);
    }

    /** Every service in every region goes to {@code endpoint}: a simulated AWS. */
    public CollectorSettingsBuilder endpointForAll(URI endpoint) {
        endpointOverrides = EndpointOverride.SERVICES.stream().sorted().map(s -> new EndpointOverride(s, null, endpoint)).toList();
        return this;
    }

    /** The interval of every source the intervals do not list. */
    public CollectorSettingsBuilder pollInterval(Duration interval) {
        defaultPollInterval = interval;
        return this;
    }

    /** Replaces the per-source intervals (the route-table inventory keeps its default unless listed). */
    public CollectorSettingsBuilder pollIntervals(Map<String, Duration> intervals) {
        pollIntervals = new HashMap<>(intervals);
        return this;
    }

    public CollectorSettingsBuilder jitter(double newJitter) {
        jitter = newJitter;
        return this;
    }

    public CollectorSettingsBuilder aws(AwsClientSettings newAws) {
        aws = newAws;
        return this;
    }

    public CollectorSettingsBuilder topic(String newTopic) {
        topic = newTopic;
        return this;
    }

    public CollectorSettingsBuilder accounts(List<AccountAccess> newAccounts) {
        accounts = newAccounts;
        return this;
    }

    public CollectorSettingsBuilder ec2RateLimit(double callsPerSecond, int burst) {
        ec2CallsPerSecond = callsPerSecond;
        ec2Burst = burst;
        return this;
    }

    /** The declared tables of the fast loop, and how often the inventory reads every table. */
    public CollectorSettingsBuilder routeTables(List<String> declared, Duration inventory) {
        declaredRouteTableIds = declared;
        pollIntervals.put(RouteTableInventorySource.NAME, inventory);
        return this;
    }

    public CollectorSettingsBuilder routeTablesUrgent(Duration urgent) {
        routeTablesUrgent = urgent;
        return this;
    }

    public CollectorSettings build() {
        return new CollectorSettings(base.scopes(), endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic,
                base.bootstrapServers(), base.clientId(), aws, base.producerProperties(), accounts, ec2CallsPerSecond, ec2Burst,
                declaredRouteTableIds, base.clientCidrs(), routeTablesUrgent, base.failoverWindows());
    }
}
