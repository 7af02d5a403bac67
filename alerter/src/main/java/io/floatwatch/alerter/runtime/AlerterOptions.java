package io.floatwatch.alerter.runtime;

import io.floatwatch.alerter.sink.SinkSettings;
import io.floatwatch.model.Topics;
import java.util.Map;
import java.util.Objects;

/**
 * What an operator chooses for the alerter (the app's {@code alerter:} section, validated straight into this): the
 * consumer group and the sinks. The brokers and their client properties are known only at start (the embedded-Kafka
 * mode picks its own), so {@link #settings} completes it with them.
 *
 * @param groupId see {@link AlerterSettings#groupId()}
 */
public record AlerterOptions(String groupId, SinkSettings sinks) {

    public AlerterOptions {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sinks, "sinks");
    }

    /** Only the log sink. */
    public AlerterOptions(String groupId) {
        this(groupId, SinkSettings.logOnly());
    }

    /** The runtime's settings on these brokers, with the standard topics. */
    public AlerterSettings settings(String bootstrapServers, Map<String, String> clientProperties) {
        return new AlerterSettings(bootstrapServers, groupId, Topics.FINDINGS, Topics.EVENTS, clientProperties);
    }
}
