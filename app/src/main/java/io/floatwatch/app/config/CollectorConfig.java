package io.floatwatch.app.config;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.collector.ec2.RouteTableCadence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code collector:} section as written.
 *
 * @param jitter                each wait is the interval times (1 +- jitter), 0 to 0.5, so scopes do not poll in lockstep
 * @param intervals             per source name (see collector/README.md), overriding the registry's default
 * @param routeTableInventory   how often the route-table loop reads every table, not only the FSx-managed and declared ones
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

    /** The validated group section. */
    public record GroupOptions(String id, Duration sessionTimeout, String topic) {
    }

    static final Duration DEFAULT_ROUTE_TABLES_INTERVAL = RouteTableCadence.DEFAULT_INTERVAL;
    static final Duration DEFAULT_FILE_SYSTEMS_INTERVAL = Duration.ofSeconds(60);
    static final double DEFAULT_JITTER = 0.1;
    static final String DEFAULT_RETRY_MODE = "standard";
    static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** {@code collector.retry}: standard (exponential backoff) or adaptive (also slows the client after throttling). */
    public record Retry(String mode, Integer maxAttempts) {
    }

    /** The validated collector settings with defaults applied. */
    public record Options(Duration routeTablesInterval, Duration fileSystemsInterval, double jitter, Map<String, Duration> intervals,
            Duration routeTableInventory, List<String> declaredRouteTableIds, double ec2CallsPerSecond, int ec2Burst, String retryMode,
            int maxAttempts, Duration routeTablesUrgentInterval, GroupOptions group) {

        /** Without a group: every scope polled here. */
        public Options(Duration routeTablesInterval, Duration fileSystemsInterval, double jitter, Map<String, Duration> intervals,
                Duration routeTableInventory, List<String> declaredRouteTableIds, double ec2CallsPerSecond, int ec2Burst, String retryMode,
                int maxAttempts, Duration routeTablesUrgentInterval) {
            this(routeTablesInterval, fileSystemsInterval, jitter, intervals, routeTableInventory, declaredRouteTableIds, ec2CallsPerSecond,
                    ec2Burst, retryMode, maxAttempts, routeTablesUrgentInterval, null);
        }

        public Options {
            intervals = intervals == null ? Map.of() : Map.copyOf(intervals);
            declaredRouteTableIds = declaredRouteTableIds == null ? List.of() : List.copyOf(declaredRouteTableIds);
            routeTablesUrgentInterval = routeTablesUrgentInterval == null ? RouteTableCadence.DEFAULT_URGENT : routeTablesUrgentInterval;
        }

        /** With the default urgent cadence. */
        public Options(Duration routeTablesInterval, Duration fileSystemsInterval, double jitter, Map<String, Duration> intervals,
                Duration routeTableInventory, List<String> declaredRouteTableIds, double ec2CallsPerSecond, int ec2Burst, String retryMode,
                int maxAttempts) {
            this(routeTablesInterval, fileSystemsInterval, jitter, intervals, routeTableInventory, declaredRouteTableIds, ec2CallsPerSecond,
                    ec2Burst, retryMode, maxAttempts, RouteTableCadence.DEFAULT_URGENT);
        }

        /** The walking skeleton's options; everything else at its default. */
        public Options(Duration routeTablesInterval, Duration fileSystemsInterval, double jitter) {
            this(routeTablesInterval, fileSystemsInterval, jitter, Map.of(), CollectorSettings.DEFAULT_ROUTE_TABLE_INVENTORY, List.of(),
                    CollectorSettings.DEFAULT_EC2_CALLS_PER_SECOND, CollectorSettings.DEFAULT_EC2_BURST, DEFAULT_RETRY_MODE,
                    DEFAULT_MAX_ATTEMPTS);
        }
    }

    static Options validate(CollectorConfig raw, Problems problems) {
        CollectorConfig c = raw == null ? new CollectorConfig(null, null, null, null, null, null, null, null, null, null) : raw;
        Duration routeTables = problems.duration("collector.routeTablesInterval", c.routeTablesInterval(),
                DEFAULT_ROUTE_TABLES_INTERVAL, Duration.ofSeconds(1));
        Duration urgent = problems.duration("collector.routeTablesUrgentInterval", c.routeTablesUrgentInterval(),
                RouteTableCadence.DEFAULT_URGENT, Duration.ofSeconds(1));
        if (c.routeTablesUrgentInterval() != null && urgent.compareTo(routeTables) > 0) {
            problems.add("collector.routeTablesUrgentInterval", "'" + c.routeTablesUrgentInterval() + "' is longer than collector.routeTablesInterval ("
                    + routeTables.toSeconds() + "s): the urgent cadence is the faster one; shorten it or leave it out");
        }
        Duration fileSystems = problems.duration("collector.fileSystemsInterval", c.fileSystemsInterval(),
                DEFAULT_FILE_SYSTEMS_INTERVAL, Duration.ofSeconds(1));
        double jitter = c.jitter() == null ? DEFAULT_JITTER : c.jitter();
        if (jitter < 0 || jitter > 0.5) {
            problems.add("collector.jitter", jitter + " is not 0 to 0.5 (a fraction of the interval)");
        }
        Map<String, Duration> intervals = new LinkedHashMap<>();
        if (c.intervals() != null) {
            c.intervals().forEach((source, text) -> {
                String path = "collector.intervals." + source;
                if (SourceRegistry.row(source).isEmpty()) {
                    problems.add(path, "unknown source (expected one of " + new TreeSet<>(SourceRegistry.names()) + ")");
                    return;
                }
                intervals.put(source, problems.duration(path, text, Duration.ofMinutes(1), Duration.ofSeconds(1)));
            });
        }
        Duration inventory = problems.duration("collector.routeTableInventory", c.routeTableInventory(),
                CollectorSettings.DEFAULT_ROUTE_TABLE_INVENTORY, Duration.ofMinutes(1));
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
        String mode = c.retry() == null || c.retry().mode() == null ? DEFAULT_RETRY_MODE : c.retry().mode().toLowerCase(Locale.ROOT);
        if (!mode.equals("standard") && !mode.equals("adaptive")) {
            problems.add("collector.retry.mode", "'" + c.retry().mode() + "' is not a retry mode (expected standard or adaptive)");
        }
        int attempts = c.retry() == null || c.retry().maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : c.retry().maxAttempts();
        if (attempts < 1 || attempts > 10) {
            problems.add("collector.retry.maxAttempts", attempts + " is not 1 to 10 (first attempt included)");
        }
        return new Options(routeTables, fileSystems, jitter, intervals, inventory, declared, rate, burst, mode, attempts, urgent,
                validateGroup(c.group(), problems));
    }

    private static GroupOptions validateGroup(Group g, Problems problems) {
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
        return new GroupOptions(g.id(), session, topic);
    }
}
