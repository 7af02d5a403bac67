package io.floatwatch.alerter.runtime;

import io.floatwatch.model.Topics;
import java.util.Map;

/**
 * What the alerter runtime needs to run; the app builds it from the YAML config.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param groupId          consumer group; its committed offsets mark what was already notified, so
 *                         replicas that must not notify twice share one group id
 * @param findingsTopic    the compacted findings topic, normally {@link Topics#FINDINGS}
 * @param eventsTopic      the events topic, normally {@link Topics#EVENTS}
 * @param clientProperties extra Kafka consumer properties (TLS, SASL); they override the runtime's
 *                         defaults except that offsets are always committed by the runtime
 */
public record AlerterSettings(
        String bootstrapServers,
        String groupId,
        String findingsTopic,
        String eventsTopic,
        Map<String, String> clientProperties) {

    /** Replicas share it, so a finding one of them notified is not notified again by another. */
    public static final String DEFAULT_GROUP_ID = "floatwatch-alerter";

    public AlerterSettings {
        requireText("bootstrapServers", bootstrapServers);
        requireText("groupId", groupId);
        requireText("findingsTopic", findingsTopic);
        requireText("eventsTopic", eventsTopic);
        if (findingsTopic.equals(eventsTopic)) {
            throw new IllegalArgumentException("findingsTopic and eventsTopic must differ, both are '" + findingsTopic + "'");
        }
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** The default topic names and no extra client properties. */
    public static AlerterSettings of(String bootstrapServers, String groupId) {
        return new AlerterSettings(bootstrapServers, groupId, Topics.FINDINGS, Topics.EVENTS, Map.of());
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
