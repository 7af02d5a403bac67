package io.floatwatch.model.finding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A transition the analyzer saw, at event time.
 *
 * @param subject        e.g. {@code 123456789012/eu-west-1/fs-0abc}; the Kafka key
 * @param labels         account, region, fs_id and, for {@link EventType#ROUTE_TARGET}, floating_ip,
 *                       route_table_id, eni_id and role (preferred, standby, unknown)
 * @param durationMillis convergence time or time spent failed over; null when not applicable
 * @param message        one line a person on call understands
 * @param clientOutages  for FAILOVER_CONVERGED, FAILBACK_COMPLETED and CLIENT_OUTAGE: what the declared clients'
 *                       probes measured during the cycle (ended and still ongoing); empty without probes
 */
public record Event(
        EventType type,
        String subject,
        Map<String, String> labels,
        Instant at,
        Long durationMillis,
        String message,
        List<ClientOutage> clientOutages) {

    public Event {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        clientOutages = clientOutages == null ? List.of() : List.copyOf(clientOutages);
    }

    /** An event without probe measurements. */
    public Event(EventType type, String subject, Map<String, String> labels, Instant at, Long durationMillis,
            String message) {
        this(type, subject, labels, at, durationMillis, message, List.of());
    }

    public Event withClientOutages(List<ClientOutage> outages, String newMessage) {
        return new Event(type, subject, labels, at, durationMillis, newMessage, outages);
    }
}
