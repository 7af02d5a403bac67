package io.floatwatch.app.config;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code analyzer:} section as written. */
public record AnalyzerConfig(String applicationId, String stateDir, String stallDeadline) {

    /** The observed flips took ~10 minutes; 15 leaves room before calling a failover stalled. */
    static final Duration DEFAULT_STALL_DEADLINE = Duration.ofMinutes(15);

    /** The validated analyzer settings with defaults applied. */
    public record Options(String applicationId, Path stateDir, Duration stallDeadline) {
    }

    static Options validate(AnalyzerConfig raw, Problems problems) {
        AnalyzerConfig a = raw == null ? new AnalyzerConfig(null, null, null) : raw;
        Duration stall = problems.duration("analyzer.stallDeadline", a.stallDeadline(), DEFAULT_STALL_DEADLINE,
                Duration.ofMinutes(1));
        String applicationId = a.applicationId() == null ? "floatwatch-analyzer" : a.applicationId();
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            problems.add("analyzer.applicationId", "'" + applicationId + "' may only contain letters, digits, '.', '_' and '-'");
        }
        Path stateDir = Path.of(a.stateDir() == null ? "/tmp/floatwatch-state" : a.stateDir());
        return new Options(applicationId, stateDir, stall);
    }
}
