package io.floatwatch.alerter.notify;

import io.floatwatch.alerter.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to a {@link Notifier} with a few retries. A notification that still fails is
 * logged in full at ERROR and counted as failed, never dropped silently; the caller goes on, because
 * one broken webhook must not stop metrics or other notifications.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifier notifier;
    private final PipelineMetrics metrics;
    private final int attempts;
    private final Duration backoff;

    public Dispatcher(Notifier notifier, PipelineMetrics metrics, int attempts, Duration backoff) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Returns true when the notifier accepted the notification. */
    public boolean dispatch(Notification notification) {
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                notifier.send(notification);
                metrics.notification(PipelineMetrics.SENT);
                return true;
            } catch (Exception e) {
                last = e;
                LOG.warn("notifier failed (attempt {}/{}): {}", attempt, attempts, e.toString());
                if (attempt < attempts && !pause(backoff.multipliedBy(attempt))) {
                    break;
                }
            }
        }
        metrics.notification(PipelineMetrics.FAILED);
        LOG.error("notification NOT delivered after {} attempts: {}", attempts, OneLineFormat.format(notification), last);
        return false;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
