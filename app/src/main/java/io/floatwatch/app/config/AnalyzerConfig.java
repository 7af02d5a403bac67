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
import static io.floatwatch.analyzer.runtime.AnalyzerOptions.MIN_PROBE_GRACE;
import static io.floatwatch.analyzer.runtime.AnalyzerOptions.MIN_RULE_WINDOW;
import static io.floatwatch.analyzer.runtime.AnalyzerOptions.MIN_TELEMETRY_GRACE;
import static io.floatwatch.analyzer.runtime.AnalyzerOptions.MIN_UNPLANNED_GRACE;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code analyzer:} section as written, validated straight into the analyzer's own {@link AnalyzerOptions}, which
 * the analyzer role completes with the brokers, clients and watched scopes. Its defaults are the rules' own
 * ({@code RulePolicy}, {@code FailoverPolicy}) and its minimums {@link AnalyzerOptions}'s, where each is explained; this
 * class only reads them.
 */
public record AnalyzerConfig(String applicationId, String stateDir, String stallDeadline, String failbackOverdue,
        String maintenanceWindow, String staleAfter, String flapWindow, Integer flapThreshold, String unplannedGrace,
        String telemetryGrace, String probeGrace) {

    static AnalyzerOptions validate(AnalyzerConfig raw, Problems problems) {
        AnalyzerConfig a = raw == null ? new AnalyzerConfig(null, null, null, null, null, null, null, null, null, null, null) : raw;
        Duration stall = duration(problems, "analyzer.stallDeadline", a.stallDeadline(), DEFAULT_STALL_DEADLINE, MIN_RULE_WINDOW);
        Duration failback = duration(problems, "analyzer.failbackOverdue", a.failbackOverdue(), DEFAULT_FAILBACK_OVERDUE,
                MIN_RULE_WINDOW);
        Duration window = duration(problems, "analyzer.maintenanceWindow", a.maintenanceWindow(), DEFAULT_MAINTENANCE_WINDOW,
                MIN_RULE_WINDOW);
        Duration stale = duration(problems, "analyzer.staleAfter", a.staleAfter(), DEFAULT_STALE_AFTER, MIN_RULE_WINDOW);
        Duration flapWindow = duration(problems, "analyzer.flapWindow", a.flapWindow(), DEFAULT_FLAP_WINDOW, MIN_RULE_WINDOW);
        Duration unplannedGrace = duration(problems, "analyzer.unplannedGrace", a.unplannedGrace(), DEFAULT_UNPLANNED_GRACE,
                MIN_UNPLANNED_GRACE);
        Duration telemetryGrace = duration(problems, "analyzer.telemetryGrace", a.telemetryGrace(), DEFAULT_TELEMETRY_GRACE,
                MIN_TELEMETRY_GRACE);
        Duration probeGrace = duration(problems, "analyzer.probeGrace", a.probeGrace(), DEFAULT_PROBE_GRACE, MIN_PROBE_GRACE);
        int flapThreshold = a.flapThreshold() == null ? DEFAULT_FLAP_THRESHOLD : a.flapThreshold();
        if (flapThreshold < MIN_FLAP_THRESHOLD) {
            problems.add("analyzer.flapThreshold", "'" + flapThreshold + "' must be at least " + MIN_FLAP_THRESHOLD
                    + " (state changes per flapWindow)");
        }
        String applicationId = a.applicationId() == null ? AnalyzerSettings.DEFAULT_APPLICATION_ID : a.applicationId();
        if (!AnalyzerOptions.APPLICATION_ID.matcher(applicationId).matches()) {
            problems.add("analyzer.applicationId", "'" + applicationId + "' may only contain letters, digits, '.', '_' and '-'");
        }
        Path stateDir = a.stateDir() == null ? AnalyzerOptions.DEFAULT_STATE_DIR : Path.of(a.stateDir());
        RulePolicy rules = new RulePolicy(failback, window, stale, flapWindow, Math.max(MIN_FLAP_THRESHOLD, flapThreshold),
                telemetryGrace, unplannedGrace, probeGrace);
        return new AnalyzerOptions(applicationId, stateDir, stall, rules);
    }

    /**
     * The duration at {@code path}; a value below the minimum is a problem that fails the file, and the default stands
     * in for it meanwhile so that building the options (whose rules refuse a zero window) reports it instead of throwing.
     */
    private static Duration duration(Problems problems, String path, String text, Duration fallback, Duration minimum) {
        Duration d = problems.duration(path, text, fallback, minimum);
        return d.compareTo(minimum) < 0 ? fallback : d;
    }
}
