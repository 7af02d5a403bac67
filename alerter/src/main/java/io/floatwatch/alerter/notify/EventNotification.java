package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Event;
import java.util.Objects;

/** A failover or failback step; ROUTE_TARGET events never become notifications. */
public record EventNotification(Event event) implements Notification {
    public EventNotification {
        Objects.requireNonNull(event, "event");
    }
}
