package io.floatwatch.analyzer.runtime;

import io.floatwatch.model.Scope;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the analyzer role needs to run; the app builds it from its YAML.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param applicationId    Kafka Streams application id: consumer group, prefix of the changelog
 *                         topics; keep it stable across restarts or all state is rebuilt
 * @param stateDir         local directory of the state stores; keep it across restarts (a
 *                         persistent volume) to avoid restoring from the changelogs
 * @param stallDeadline    see {@link FailoverPolicy#stallDeadline()}
 * @param topics           topic names
 * @param rules            thresholds of the failback, maintenance, staleness, flapping and telemetry rules
 * @param clients          declared clients whose paths to the floating IPs are judged
 */
public record AnalyzerSettings(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        Duration stallDeadline,
        AnalyzerTopics topics,
        RulePolicy rules,
        List<DeclaredClient> clients,
        List<Scope> watched) {

    public static final String DEFAULT_APPLICATION_ID = "floatwatch-analyzer";

    public AnalyzerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topics, "topics");
        stallDeadline = stallDeadline == null ? FailoverPolicy.DEFAULT_STALL_DEADLINE : stallDeadline;
        new FailoverPolicy(stallDeadline); // fails early on a zero or negative deadline
        rules = rules == null ? RulePolicy.defaults() : rules;
        clients = clients == null ? List.of() : List.copyOf(clients);
        watched = watched == null ? List.of() : List.copyOf(watched);
    }

    /** Without the list of watched scopes: each scope assumes its region has no other account. */
    public AnalyzerSettings(String bootstrapServers, String applicationId, Path stateDir, Duration stallDeadline,
            AnalyzerTopics topics, RulePolicy rules, List<DeclaredClient> clients) {
        this(bootstrapServers, applicationId, stateDir, stallDeadline, topics, rules, clients, null);
    }

    /** Default rule thresholds and no declared clients. */
    public AnalyzerSettings(String bootstrapServers, String applicationId, Path stateDir, Duration stallDeadline,
            AnalyzerTopics topics) {
        this(bootstrapServers, applicationId, stateDir, stallDeadline, topics, null, null);
    }

    /** Default application id, stall deadline and topic names. */
    public static AnalyzerSettings of(String bootstrapServers, Path stateDir) {
        return new AnalyzerSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir,
                FailoverPolicy.DEFAULT_STALL_DEADLINE, AnalyzerTopics.defaults());
    }

    public FailoverPolicy policy() {
        return new FailoverPolicy(stallDeadline);
    }
}
