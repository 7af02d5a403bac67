package io.floatwatch.alerter.notify;

/**
 * Where notifications go: the log today; Alertmanager and webhooks later. Implementations throw
 * when delivery failed so that {@link Dispatcher} can retry and, at worst, log what was lost.
 */
@FunctionalInterface
public interface Notifier {
    void send(Notification notification) throws Exception;
}
