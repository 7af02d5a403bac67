package io.floatwatch.alerter.notify;

import io.floatwatch.alerter.metrics.PipelineMetrics;
import io.floatwatch.model.finding.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands notifications to each {@link Sink} that wants them, with a few retries per sink. A
 * notification that still fails is logged in full at ERROR and counted as failed for that sink,
 * never dropped silently; the caller goes on, because one broken webhook must not stop metrics or
 * the other sinks.
 */
public final class Dispatcher implements AutoCloseable {

    /** The sink label of a plain {@link Notifier} handed over on its own. */
    public static final String DEFAULT_SINK = "default";

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Sinks sinks;
    private final PipelineMetrics metrics;
    private final int attempts;
    private final Duration backoff;

    /** @param notifier a {@link Sinks} (each retried and counted apart), or one notifier named {@value #DEFAULT_SINK} */
    public Dispatcher(Notifier notifier, PipelineMetrics metrics, int attempts, Duration backoff) {
        Objects.requireNonNull(notifier, "notifier");
        this.sinks = notifier instanceof Sinks s ? s : Sinks.of(Sink.of(DEFAULT_SINK, notifier));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Returns true when every sink that wanted the notification accepted it. */
    public boolean dispatch(Notification notification) {
        boolean all = true;
        for (Sink sink : sinks.all()) {
            if (sink.accepts().test(notification)) {
                all &= deliver(sink, notification);
            }
        }
        return all;
    }

    private boolean deliver(Sink sink, Notification notification) {
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                sink.notifier().send(notification);
                metrics.notification(sink.name(), PipelineMetrics.SENT);
                return true;
            } catch (Exception e) {
                last = e;
                // toString of the sinks' exceptions never carries a URL or token (see HttpSender).
                LOG.warn("sink {} failed (attempt {}/{}): {}", sink.name(), attempt, attempts, e.toString());
                if (attempt < attempts && !pause(backoff.multipliedBy(attempt))) {
                    break;
                }
            }
        }
        metrics.notification(sink.name(), PipelineMetrics.FAILED);
        LOG.error("notification NOT delivered to sink {} after {} attempts: {} ({})", sink.name(), attempts,
                OneLineFormat.format(notification), last == null ? "interrupted" : last.toString());
        return false;
    }

    /** Every finding version, live or replayed, for sinks that keep state (see {@link Notifier#observe}). */
    public void observe(String id, Finding finding) {
        sinks.observe(id, finding);
    }

    public void reset() {
        sinks.reset();
    }

    public void restored() {
        sinks.restored();
    }

    public List<Sink> sinks() {
        return sinks.all();
    }

    @Override
    public void close() {
        sinks.close();
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
