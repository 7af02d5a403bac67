package io.floatwatch.model.finding;

import java.time.Instant;
import java.util.Map;

/**
 * A transition the analyzer saw, at event time.
 *
 * @param subject        e.g. {@code 123456789012/eu-west-1/fs-0abc}; the Kafka key
 * @param labels         account, region, fs_id and, for {@link EventType#ROUTE_TARGET}, floating_ip,
 *                       route_table_id, eni_id and role (preferred, standby, unknown)
 * @param durationMillis convergence time or time spent failed over; null when not applicable
 * @param message        one line a person on call understands
 */
public record Event(
        EventType type,
        String subject,
        Map<String, String> labels,
        Instant at,
        Long durationMillis,
        String message) {

    public Event {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
