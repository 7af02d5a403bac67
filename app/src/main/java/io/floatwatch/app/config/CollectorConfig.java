package io.floatwatch.app.config;

import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code collector:} section as written, validated straight into the collector's own {@link CollectorOptions}, which
 * the collector role completes with the scopes, clients and brokers. Its defaults and bounds are the collector's own
 * ({@link SourceRegistry} for intervals, {@link CollectorSettings} for jitter and the EC2 share, {@link AwsClientSettings} for retries,
 * {@link RouteTableCadence} for the urgent cadence), where each is explained; this class only reads them.
 *
 * @param jitter                each wait is the interval times (1 +- jitter), 0 to 0.5, so scopes do not poll in lockstep
 * @param intervals             per source name (see collector/README.md), overriding the registry's default
 * @param routeTableInventory   deprecated alias of {@code intervals.ec2.route-table-inventory}, kept for one release: it
 *                              still works, with a warning naming the new key
 * @param declaredRouteTableIds tables read in the fast loop besides the FSx-managed ones (e.g. client subnets' tables)
 * @param ec2CallsPerSecond     floatwatch's share of each account's and region's EC2 API budget (EC2 refills 20/s)
 * @param ec2Burst              how many EC2 calls may go at once before the rate applies
 * @param retry                 retry mode and attempts of every AWS client
 * @param routeTablesUrgentInterval the fast route-table loop's cadence while an administrative action runs, a maintenance
 *                              window is open or a failover converges (see RouteTableCadence); at most routeTablesInterval
 * @param group                 shares the scopes among collector replicas through a Kafka consumer group; absent: this
 *                              collector polls every scope, as one replica must
 */
public record CollectorConfig(String routeTablesInterval, String fileSystemsInterval, Double jitter, Map<String, String> intervals,
        String routeTableInventory, List<String> declaredRouteTableIds, Double ec2CallsPerSecond, Integer ec2Burst, Retry retry,
        String routeTablesUrgentInterval, Group group) {

    /** Without a group: every scope polled here. */
    public CollectorConfig(String routeTablesInterval, String fileSystemsInterval, Double jitter, Map<String, String> intervals,
            String routeTableInventory, List<String> declaredRouteTableIds, Double ec2CallsPerSecond, Integer ec2Burst, Retry retry,
            String routeTablesUrgentInterval) {
        this(routeTablesInterval, fileSystemsInterval, jitter, intervals, routeTableInventory, declaredRouteTableIds, ec2CallsPerSecond,
                ec2Burst, retry, routeTablesUrgentInterval, null);
    }

    /**
     * {@code collector.group}: the replicas of one deployment join the Kafka consumer group {@code id} and share the scopes.
     *
     * @param id             the consumer group (required when the section is there)
     * @param sessionTimeout how long a silent replica keeps its scopes; 6s to 5m, default 30s
     * @param topic          the coordination topic, one partition per scope; default floatwatch.collector-scopes
     */
    public record Group(String id, String sessionTimeout, String topic) {
    }


    /** The shortest interval a file may set: sub-second polls are for tests and the demo, which build their settings in code. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The deprecated {@code routeTableInventory} kept its own, higher minimum; it stays as it was until removed. */
    static final Duration MIN_DEPRECATED_INVENTORY = Duration.ofMinutes(1);
    static final String DEPRECATED_INVENTORY = "collector.routeTableInventory";
    static final String INVENTORY_INTERVAL = "collector.intervals." + RouteTableInventorySource.NAME;

    /** {@code collector.retry}: standard (exponential backoff) or adaptive (also slows the client after throttling). */
    public record Retry(String mode, Integer maxAttempts) {
    }

    private static final AwsClientSettings DEFAULT_AWS = AwsClientSettings.defaults();

    private static String modeName(AwsClientSettings.RetryMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static Duration registryDefault(String source) {
        return SourceRegistry.row(source).orElseThrow().defaultInterval();
    }

    static CollectorOptions validate(CollectorConfig raw, Problems problems) {
        CollectorConfig c = raw == null ? new CollectorConfig(null, null, null, null, null, null, null, null, null, null) : raw;
        Duration routeTables = problems.duration("collector.routeTablesInterval", c.routeTablesInterval(),
                registryDefault(RouteTableSource.NAME), MIN_INTERVAL);
        Duration urgent = problems.duration("collector.routeTablesUrgentInterval", c.routeTablesUrgentInterval(),
                RouteTableCadence.DEFAULT_URGENT, MIN_INTERVAL);
        if (c.routeTablesUrgentInterval() != null && urgent.compareTo(routeTables) > 0) {
            problems.add("collector.routeTablesUrgentInterval", "'" + c.routeTablesUrgentInterval() + "' is longer than collector.routeTablesInterval ("
                    + routeTables.toSeconds() + "s): the urgent cadence is the faster one; shorten it or leave it out");
        }
        Duration fileSystems = problems.duration("collector.fileSystemsInterval", c.fileSystemsInterval(),
                registryDefault(FileSystemSource.NAME), MIN_INTERVAL);
        double jitter = c.jitter() == null ? CollectorSettings.DEFAULT_JITTER : c.jitter();
        if (jitter < 0 || jitter > CollectorSettings.MAX_JITTER) {
            problems.add("collector.jitter", jitter + " is not 0 to " + CollectorSettings.MAX_JITTER + " (a fraction of the interval)");
        }
        Map<String, Duration> intervals = new LinkedHashMap<>();
        if (c.intervals() != null) {
            c.intervals().forEach((source, text) -> {
                String path = "collector.intervals." + source;
                if (SourceRegistry.row(source).isEmpty()) {
                    problems.add(path, "unknown source (expected one of " + new TreeSet<>(SourceRegistry.names()) + ")");
                    return;
                }
                intervals.put(source, problems.duration(path, text, registryDefault(source), MIN_INTERVAL));
            });
        }
        deprecatedInventory(c, intervals, problems);
        List<String> declared = c.declaredRouteTableIds() == null ? List.of() : c.declaredRouteTableIds();
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) == null || !declared.get(i).matches("rtb-[0-9a-f]{8,17}")) {
                problems.add("collector.declaredRouteTableIds[" + i + "]", "'" + declared.get(i) + "' is not a route table id (rtb-...)");
            }
        }
        double rate = c.ec2CallsPerSecond() == null ? CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND : c.ec2CallsPerSecond();
        if (!(rate > 0) || rate > CollectorSettings.EC2_REFILL_PER_SECOND) {
            problems.add("collector.ec2CallsPerSecond", rate + " is not above 0 and at most "
                    + (int) CollectorSettings.EC2_REFILL_PER_SECOND + " (EC2 refills " + (int) CollectorSettings.EC2_REFILL_PER_SECOND
                    + " calls/s per account and region for everyone; the default " + (int) CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND
                    + " is a 10 % share)");
        }
        int burst = c.ec2Burst() == null ? CollectorSettings.DEFAULT_EC2_BURST : c.ec2Burst();
        if (burst < 1 || burst > CollectorSettings.EC2_BUCKET_SIZE) {
            problems.add("collector.ec2Burst", burst + " is not 1 to " + CollectorSettings.EC2_BUCKET_SIZE + " (EC2's own bucket holds "
                    + CollectorSettings.EC2_BUCKET_SIZE + ")");
        }
        String mode = c.retry() == null || c.retry().mode() == null ? modeName(DEFAULT_AWS.retryMode())
                : c.retry().mode().toLowerCase(Locale.ROOT);
        boolean modeOk = mode.equals(modeName(AwsClientSettings.RetryMode.STANDARD)) || mode.equals(modeName(AwsClientSettings.RetryMode.ADAPTIVE));
        if (!modeOk) {
            problems.add("collector.retry.mode", "'" + c.retry().mode() + "' is not a retry mode (expected standard or adaptive)");
        }
        int attempts = c.retry() == null || c.retry().maxAttempts() == null ? DEFAULT_AWS.maxAttempts() : c.retry().maxAttempts();
        boolean attemptsOk = attempts >= 1 && attempts <= AwsClientSettings.MAX_ATTEMPTS;
        if (!attemptsOk) {
            problems.add("collector.retry.maxAttempts", attempts + " is not 1 to " + AwsClientSettings.MAX_ATTEMPTS
                    + " (first attempt included)");
        }
        // A value reported above is replaced by its default: the file fails, but building the options must not.
        AwsClientSettings aws = DEFAULT_AWS.withRetry(modeOk ? AwsClientSettings.RetryMode.valueOf(mode.toUpperCase(Locale.ROOT))
                : DEFAULT_AWS.retryMode(), attemptsOk ? attempts : DEFAULT_AWS.maxAttempts(), DEFAULT_AWS.backoffBaseDelay(),
                DEFAULT_AWS.maxBackoff());
        return new CollectorOptions(resolved(intervals, routeTables, fileSystems), jitter, declared, rate, burst, aws, urgent,
                validateGroup(c.group(), problems));
    }

    /**
     * Every source's interval: its entry in {@code intervals}, else the named interval of the route tables or the file
     * systems, else the registry's default. The most specific setting wins.
     */
    private static Map<String, Duration> resolved(Map<String, Duration> listed, Duration routeTables, Duration fileSystems) {
        Map<String, Duration> all = new LinkedHashMap<>();
        for (SourceRegistry.Row row : SourceRegistry.ROWS) {
            Duration d = listed.get(row.name());
            if (d == null) {
                d = row.name().equals(RouteTableSource.NAME) ? routeTables
                        : row.name().equals(FileSystemSource.NAME) ? fileSystems : row.defaultInterval();
            }
            all.put(row.name(), d);
        }
        return all;
    }

    /**
     * {@code collector.routeTableInventory}, the inventory's interval before it became one entry of
     * {@code collector.intervals}: still honoured for one release, with a warning naming the new key.
     */
    private static void deprecatedInventory(CollectorConfig c, Map<String, Duration> intervals, Problems problems) {
        if (c.routeTableInventory() == null) {
            return;
        }
        if (c.intervals() != null && c.intervals().containsKey(RouteTableInventorySource.NAME)) {
            // As before its deprecation: the per-source entry is the more specific setting and wins.
            problems.warn(DEPRECATED_INVENTORY, "deprecated, and ignored because " + INVENTORY_INTERVAL
                    + " is set; remove it");
            return;
        }
        problems.warn(DEPRECATED_INVENTORY, "deprecated, and will be removed in the next release; move its value to "
                + INVENTORY_INTERVAL + " (it works the same)");
        intervals.put(RouteTableInventorySource.NAME, problems.duration(DEPRECATED_INVENTORY, c.routeTableInventory(),
                registryDefault(RouteTableInventorySource.NAME), MIN_DEPRECATED_INVENTORY));
    }

    private static CollectorOptions.Group validateGroup(Group g, Problems problems) {
        if (g == null) {
            return null;
        }
        if (g.id() == null || !g.id().matches("[A-Za-z0-9._-]{1,200}")) {
            problems.add("collector.group.id", (g.id() == null ? "missing" : "'" + g.id() + "' is not a consumer group id")
                    + " (letters, digits, '.', '_' and '-'; the replicas of one deployment share it; leave out collector.group to poll every"
                    + " scope in this one collector)");
        }
        Duration session = problems.duration("collector.group.sessionTimeout", g.sessionTimeout(),
                io.floatwatch.collector.group.ScopeGroupSettings.DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(6));
        if (session.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("collector.group.sessionTimeout", "'" + g.sessionTimeout() + "' is longer than 5m (the broker's"
                    + " group.max.session.timeout.ms by default; a dead replica's scopes would wait that long)");
        }
        String topic = g.topic() == null ? io.floatwatch.collector.group.ScopeGroupSettings.DEFAULT_TOPIC : g.topic();
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            problems.add("collector.group.topic", "'" + g.topic() + "' is not a Kafka topic name (letters, digits, '.', '_' and '-')");
        }
        return new CollectorOptions.Group(g.id(), session, topic);
    }
}
