package io.floatwatch.app.config;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code analyzer:} section as written. */
public record AnalyzerConfig(String applicationId, String stateDir, String stallDeadline, String failbackOverdue,
        String maintenanceWindow, String staleAfter, String flapWindow, Integer flapThreshold, String unplannedGrace,
        String probeGrace) {

    /** The observed flips took ~10 minutes; 15 leaves room before calling a failover stalled. */
    static final Duration DEFAULT_STALL_DEADLINE = Duration.ofMinutes(15);
    /** The observed failback came tens of minutes after converging. */
    static final Duration DEFAULT_FAILBACK_OVERDUE = Duration.ofHours(1);
    /** FSx publishes only the window's start; an hour covers the work and the route flip. */
    static final Duration DEFAULT_MAINTENANCE_WINDOW = Duration.ofHours(1);
    /** Above three times the slowest default poll interval. */
    static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);
    static final Duration DEFAULT_FLAP_WINDOW = Duration.ofHours(1);
    static final int DEFAULT_FLAP_THRESHOLD = 4;
    /** FSx shows a throughput change up to one poll (60 s) after the route flip; two minutes cover it. */
    static final Duration DEFAULT_UNPLANNED_GRACE = Duration.ofMinutes(2);
    /** A route poll (30 s) can see a failover's flip a minute after clients lost the server; two minutes cover it. */
    static final Duration DEFAULT_PROBE_GRACE = Duration.ofMinutes(2);

    /** The validated analyzer settings with defaults applied. */
    public record Options(String applicationId, Path stateDir, Duration stallDeadline, Duration failbackOverdue,
            Duration maintenanceWindow, Duration staleAfter, Duration flapWindow, int flapThreshold,
            Duration unplannedGrace, Duration probeGrace) {

        /** The rules' defaults beyond the stall deadline (the demo and tests build settings this way). */
        public Options(String applicationId, Path stateDir, Duration stallDeadline) {
            this(applicationId, stateDir, stallDeadline, DEFAULT_FAILBACK_OVERDUE, DEFAULT_MAINTENANCE_WINDOW,
                    DEFAULT_STALE_AFTER, DEFAULT_FLAP_WINDOW, DEFAULT_FLAP_THRESHOLD, DEFAULT_UNPLANNED_GRACE);
        }

        /** The default probe grace. */
        public Options(String applicationId, Path stateDir, Duration stallDeadline, Duration failbackOverdue,
                Duration maintenanceWindow, Duration staleAfter, Duration flapWindow, int flapThreshold,
                Duration unplannedGrace) {
            this(applicationId, stateDir, stallDeadline, failbackOverdue, maintenanceWindow, staleAfter, flapWindow,
                    flapThreshold, unplannedGrace, DEFAULT_PROBE_GRACE);
        }

        public Options withProbeGrace(Duration grace) {
            return new Options(applicationId, stateDir, stallDeadline, failbackOverdue, maintenanceWindow, staleAfter,
                    flapWindow, flapThreshold, unplannedGrace, grace);
        }
    }

    static Options validate(AnalyzerConfig raw, Problems problems) {
        AnalyzerConfig a = raw == null ? new AnalyzerConfig(null, null, null, null, null, null, null, null, null, null) : raw;
        Duration stall = problems.duration("analyzer.stallDeadline", a.stallDeadline(), DEFAULT_STALL_DEADLINE,
                Duration.ofMinutes(1));
        Duration failback = problems.duration("analyzer.failbackOverdue", a.failbackOverdue(), DEFAULT_FAILBACK_OVERDUE,
                Duration.ofMinutes(1));
        Duration window = problems.duration("analyzer.maintenanceWindow", a.maintenanceWindow(),
                DEFAULT_MAINTENANCE_WINDOW, Duration.ofMinutes(1));
        Duration stale = problems.duration("analyzer.staleAfter", a.staleAfter(), DEFAULT_STALE_AFTER,
                Duration.ofMinutes(1));
        Duration flapWindow = problems.duration("analyzer.flapWindow", a.flapWindow(), DEFAULT_FLAP_WINDOW,
                Duration.ofMinutes(1));
        // Keep it above the FSx poll interval (collector.intervals), or a throughput change pages before it can show.
        Duration unplannedGrace = problems.duration("analyzer.unplannedGrace", a.unplannedGrace(), DEFAULT_UNPLANNED_GRACE,
                Duration.ofSeconds(1));
        Duration probeGrace = problems.duration("analyzer.probeGrace", a.probeGrace(), DEFAULT_PROBE_GRACE,
                Duration.ofSeconds(1));
        int flapThreshold = a.flapThreshold() == null ? DEFAULT_FLAP_THRESHOLD : a.flapThreshold();
        if (flapThreshold < 2) {
            problems.add("analyzer.flapThreshold", "'" + flapThreshold + "' must be at least 2 (state changes per flapWindow)");
        }
        String applicationId = a.applicationId() == null ? "floatwatch-analyzer" : a.applicationId();
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            problems.add("analyzer.applicationId", "'" + applicationId + "' may only contain letters, digits, '.', '_' and '-'");
        }
        Path stateDir = Path.of(a.stateDir() == null ? "/tmp/floatwatch-state" : a.stateDir());
        return new Options(applicationId, stateDir, stall, failback, window, stale, flapWindow, Math.max(2, flapThreshold),
                unplannedGrace, probeGrace);
    }
}
