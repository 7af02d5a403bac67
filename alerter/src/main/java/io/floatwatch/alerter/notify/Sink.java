package io.floatwatch.alerter.notify;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named notifier and the notifications it wants. The name is the {@code sink} label of
 * {@code floatwatch_alerter_notifications_total}, so it must be low-cardinality and stable.
 */
public record Sink(String name, Notifier notifier, Predicate<Notification> accepts) {

    public Sink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(accepts, "accepts");
    }

    /** A sink that takes every notification. */
    public static Sink of(String name, Notifier notifier) {
        return new Sink(name, notifier, n -> true);
    }
}
