package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Finding;

/**
 * Where notifications go: the log, Alertmanager, webhooks. Implementations throw when delivery failed
 * so that {@link Dispatcher} can retry and, at worst, log what was lost.
 *
 * <p>The default methods matter only to sinks that keep state of their own (Alertmanager re-sends
 * firing alerts before they lapse): they see every finding version, replayed ones included, without
 * being asked to tell anyone.
 */
@FunctionalInterface
public interface Notifier {

    void send(Notification notification) throws Exception;

    /** The latest version of finding {@code id} (null: tombstone), live or replayed. Must not block. */
    default void observe(String id, Finding finding) {
    }

    /** The state is about to be rebuilt from the beginning of the topics: forget what was observed. */
    default void reset() {
    }

    /** The rebuild reached the end of the topics: what was observed is now current. */
    default void restored() {
    }
}
