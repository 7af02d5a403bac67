package io.floatwatch.alerter.sink;

import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.model.finding.Severity;
import java.time.Duration;
import java.util.Objects;

/**
 * One webhook as configured ({@code alerter.webhooks[]}).
 *
 * @param name        the sink label of its metrics
 * @param url         from an environment variable or a file: a webhook URL carries its token
 * @param bearerToken null for none
 * @param minSeverity with {@code events} and {@code updates}: what it is told (see {@link SinkFilter})
 */
public record WebhookSettings(String name, WebhookNotifier.Format format, ValueSource url, ValueSource bearerToken,
        Severity minSeverity, boolean events, boolean updates, Duration timeout) {

    /** The documented, versioned body; Slack's shape is asked for by name. */
    public static final WebhookNotifier.Format DEFAULT_FORMAT = WebhookNotifier.Format.JSON;
    /** Chat channels hear warnings and worse; a pager webhook says {@code critical}. */
    public static final Severity DEFAULT_MIN_SEVERITY = Severity.WARNING;

    public WebhookSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(timeout, "timeout");
    }

    public SinkFilter filter() {
        return new SinkFilter(minSeverity, events, updates);
    }
}
