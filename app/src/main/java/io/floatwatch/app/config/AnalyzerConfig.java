package io.floatwatch.app.config;

import static io.floatwatch.analyzer.core.policy.FailoverPolicy.DEFAULT_STALL_DEADLINE;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_FAILBACK_OVERDUE;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_FLAP_THRESHOLD;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_FLAP_WINDOW;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_MAINTENANCE_WINDOW;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_PROBE_GRACE;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_STALE_AFTER;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_TELEMETRY_GRACE;
import static io.floatwatch.analyzer.core.policy.RulePolicy.DEFAULT_UNPLANNED_GRACE;
import static io.floatwatch.analyzer.core.policy.RulePolicy.MIN_FLAP_THRESHOLD;

import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code analyzer:} section as written. Its defaults and bounds are the rules' own
 * ({@code RulePolicy}, {@code FailoverPolicy}), where each is explained; this class only reads them.
 */
public record AnalyzerConfig(String applicationId, String stateDir, String stallDeadline, String failbackOverdue,
        String maintenanceWindow, String staleAfter, String flapWindow, Integer flapThreshold, String unplannedGrace,
        String telemetryGrace, String probeGrace) {

    /** The validated analyzer settings with defaults applied. */
    public record Options(String applicationId, Path stateDir, Duration stallDeadline, Duration failbackOverdue,
            Duration maintenanceWindow, Duration staleAfter, Duration flapWindow, int flapThreshold,
            Duration unplannedGrace, Duration telemetryGrace, Duration probeGrace) {

        /** The rules' defaults beyond the stall deadline (the demo and tests build settings this way). */
        public Options(String applicationId, Path stateDir, Duration stallDeadline) {
            this(applicationId, stateDir, stallDeadline, DEFAULT_FAILBACK_OVERDUE, DEFAULT_MAINTENANCE_WINDOW,
                    DEFAULT_STALE_AFTER, DEFAULT_FLAP_WINDOW, DEFAULT_FLAP_THRESHOLD, DEFAULT_UNPLANNED_GRACE,
                    DEFAULT_TELEMETRY_GRACE, DEFAULT_PROBE_GRACE);
        }

        /** The same settings with the state store elsewhere (the embedded-Kafka mode keeps it in its directory). */
        public Options withStateDir(Path dir) {
            return new Options(applicationId, dir, stallDeadline, failbackOverdue, maintenanceWindow, staleAfter, flapWindow,
                    flapThreshold, unplannedGrace, telemetryGrace, probeGrace);
        }

        public Options withProbeGrace(Duration grace) {
            return new Options(applicationId, stateDir, stallDeadline, failbackOverdue, maintenanceWindow, staleAfter,
                    flapWindow, flapThreshold, unplannedGrace, telemetryGrace, grace);
        }
    }

    static Options validate(AnalyzerConfig raw, Problems problems) {
        AnalyzerConfig a = raw == null ? new AnalyzerConfig(null, null, null, null, null, null, null, null, null, null, null) : raw;
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
        // CloudWatch's TunnelState typically lags VgwTelemetry by 5 to 10 minutes; below that every tunnel pages as stale.
        Duration telemetryGrace = problems.duration("analyzer.telemetryGrace", a.telemetryGrace(), DEFAULT_TELEMETRY_GRACE,
                Duration.ofMinutes(5));
        Duration probeGrace = problems.duration("analyzer.probeGrace", a.probeGrace(), DEFAULT_PROBE_GRACE,
                Duration.ofSeconds(1));
        int flapThreshold = a.flapThreshold() == null ? DEFAULT_FLAP_THRESHOLD : a.flapThreshold();
        if (flapThreshold < MIN_FLAP_THRESHOLD) {
            problems.add("analyzer.flapThreshold", "'" + flapThreshold + "' must be at least " + MIN_FLAP_THRESHOLD
                    + " (state changes per flapWindow)");
        }
        String applicationId = a.applicationId() == null ? AnalyzerSettings.DEFAULT_APPLICATION_ID : a.applicationId();
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            problems.add("analyzer.applicationId", "'" + applicationId + "' may only contain letters, digits, '.', '_' and '-'");
        }
        Path stateDir = Path.of(a.stateDir() == null ? "/tmp/floatwatch-state" : a.stateDir());
        return new Options(applicationId, stateDir, stall, failback, window, stale, flapWindow,
                Math.max(MIN_FLAP_THRESHOLD, flapThreshold), unplannedGrace, telemetryGrace, probeGrace);
    }
}
