package io.floatwatch.analyzer.runtime;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an operator chooses for the analyzer (the app's {@code analyzer:} section, validated straight into this): where
 * its state lives and the thresholds of its rules. The brokers, the declared clients and the watched scopes come from
 * other sections, so {@link #settings} completes it with them. The defaults are the rules' own ({@link RulePolicy},
 * {@link FailoverPolicy}); the shortest values a config file may set are here, each with its reason.
 *
 * @param applicationId see {@link AnalyzerSettings#applicationId()}
 * @param stateDir      see {@link AnalyzerSettings#stateDir()}
 * @param stallDeadline see {@link FailoverPolicy#stallDeadline()}
 * @param rules         the thresholds of the other rules
 */
public record AnalyzerOptions(String applicationId, Path stateDir, Duration stallDeadline, RulePolicy rules) {

    /** Where the state stores go when the file names no directory. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/tmp/floatwatch-state");
    /** The application id prefixes topic names, so it keeps to the characters Kafka allows in them. */
    public static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]+");
    /**
     * The rules' windows (stall deadline, failback, maintenance, staleness, flapping) below a minute would fire within
     * one route-table poll; sub-minute values are for tests and the demo, which build their options in code.
     */
    public static final Duration MIN_RULE_WINDOW = Duration.ofMinutes(1);
    /** Keep it above the FSx poll interval (collector.intervals), or a throughput change pages before it can show. */
    public static final Duration MIN_UNPLANNED_GRACE = Duration.ofSeconds(1);
    /** CloudWatch's TunnelState typically lags VgwTelemetry by 5 to 10 minutes; below that every tunnel pages as stale. */
    public static final Duration MIN_TELEMETRY_GRACE = Duration.ofMinutes(5);
    public static final Duration MIN_PROBE_GRACE = Duration.ofSeconds(1);

    public AnalyzerOptions {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        stallDeadline = stallDeadline == null ? FailoverPolicy.DEFAULT_STALL_DEADLINE : stallDeadline;
        new FailoverPolicy(stallDeadline); // fails early on a zero or negative deadline
        rules = rules == null ? RulePolicy.defaults() : rules;
    }

    /** The rules' defaults beyond the stall deadline (the demo and tests build options this way). */
    public AnalyzerOptions(String applicationId, Path stateDir, Duration stallDeadline) {
        this(applicationId, stateDir, stallDeadline, null);
    }

    /** The same options with the state store elsewhere (the embedded-Kafka mode keeps it in its directory). */
    public AnalyzerOptions withStateDir(Path dir) {
        return new AnalyzerOptions(applicationId, dir, stallDeadline, rules);
    }

    public AnalyzerOptions withProbeGrace(Duration grace) {
        return new AnalyzerOptions(applicationId, stateDir, stallDeadline, new RulePolicy(rules.failbackOverdue(),
                rules.maintenanceWindow(), rules.staleAfter(), rules.flapWindow(), rules.flapThreshold(),
                rules.telemetryGrace(), rules.unplannedGrace(), grace));
    }

    /** The runtime's settings on these brokers, with the standard topics, judging these clients in these scopes. */
    public AnalyzerSettings settings(String bootstrapServers, List<DeclaredClient> clients, List<Scope> watched) {
        return new AnalyzerSettings(bootstrapServers, applicationId, stateDir, stallDeadline, AnalyzerTopics.defaults(),
                rules, clients, watched);
    }
}
