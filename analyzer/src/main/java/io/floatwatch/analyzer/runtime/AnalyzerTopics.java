package io.floatwatch.analyzer.runtime;

import io.floatwatch.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** The topics the analyzer reads and writes; a deployment may rename or prefix them. */
public record AnalyzerTopics(String observations, String findings, String events, String deadLetter) {

    public AnalyzerTopics {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    public static AnalyzerTopics defaults() {
        return new AnalyzerTopics(Topics.OBSERVATIONS, Topics.FINDINGS, Topics.EVENTS, Topics.DEAD_LETTER);
    }

    /**
     * Definitions for Admin.createTopics where the deployment does not manage topics itself.
     * Observations and findings are compacted: each key is a resource or a finding whose latest
     * value is the truth. Events and dead letters are a history, so they age out.
     */
    public List<NewTopic> definitions(int partitions, short replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> history = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        return List.of(
                new NewTopic(observations, partitions, replicationFactor).configs(compacted),
                new NewTopic(findings, partitions, replicationFactor).configs(compacted),
                new NewTopic(events, partitions, replicationFactor).configs(history),
                new NewTopic(deadLetter, 1, replicationFactor).configs(history));
    }
}
