package io.floatwatch.app.config;

import java.time.Duration;

/**
 * The {@code collector:} section as written.
 *
 * @param jitter each wait is the interval times (1 +- jitter), 0 to 0.5, so scopes do not poll in lockstep
 */
public record CollectorConfig(String routeTablesInterval, String fileSystemsInterval, Double jitter) {

    static final Duration DEFAULT_ROUTE_TABLES_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_FILE_SYSTEMS_INTERVAL = Duration.ofSeconds(60);
    static final double DEFAULT_JITTER = 0.1;

    /** The validated collector settings with defaults applied. */
    public record Options(Duration routeTablesInterval, Duration fileSystemsInterval, double jitter) {
    }

    static Options validate(CollectorConfig raw, Problems problems) {
        CollectorConfig c = raw == null ? new CollectorConfig(null, null, null) : raw;
        Duration routeTables = problems.duration("collector.routeTablesInterval", c.routeTablesInterval(),
                DEFAULT_ROUTE_TABLES_INTERVAL, Duration.ofSeconds(1));
        Duration fileSystems = problems.duration("collector.fileSystemsInterval", c.fileSystemsInterval(),
                DEFAULT_FILE_SYSTEMS_INTERVAL, Duration.ofSeconds(1));
        double jitter = c.jitter() == null ? DEFAULT_JITTER : c.jitter();
        if (jitter < 0 || jitter > 0.5) {
            problems.add("collector.jitter", jitter + " is not 0 to 0.5 (a fraction of the interval)");
        }
        return new Options(routeTables, fileSystems, jitter);
    }
}
