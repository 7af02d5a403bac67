package io.floatwatch.alerter.sink;

import io.floatwatch.alerter.notify.LogNotifier;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.notify.Sink;
import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.alerter.notify.Sinks;
import io.floatwatch.model.finding.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The alerter's sinks as configured: the log (one line per notification on the {@code floatwatch.notifications}
 * logger), Alertmanager (null when not configured) and the webhooks.
 */
public record SinkSettings(boolean log, AlertmanagerSettings alertmanager, List<WebhookSettings> webhooks) {

    /** The sinks' names as their metrics label them; a webhook may not take one. */
    public static final String LOG_SINK = "log";
    public static final String ALERTMANAGER_SINK = "alertmanager";
    public static final Set<String> RESERVED_NAMES = Set.of(LOG_SINK, ALERTMANAGER_SINK);

    public SinkSettings {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** Only the log sink. */
    public static SinkSettings logOnly() {
        return new SinkSettings(true, null, List.of());
    }

    /**
     * The sinks as one notifier. Every secret is read once here (see {@link ValueSource#checked()}).
     *
     * @throws ValueSource.SecretUnusable naming the variable or file of a secret that cannot be read
     */
    public Notifier notifier(Clock clock) {
        List<Sink> sinks = new ArrayList<>();
        if (log) {
            sinks.add(new Sink(LOG_SINK, new LogNotifier(), SinkFilter.everything()));
        }
        if (alertmanager != null) {
            AlertmanagerSettings am = alertmanager;
            // Alertmanager routes on severity itself, and updates keep its alert current: it takes every finding.
            sinks.add(new Sink(ALERTMANAGER_SINK, new AlertmanagerNotifier(am.url().checked(), optional(am.bearerToken()),
                    am.timeout(), am.resendInterval(), am.generatorUrl(), clock), new SinkFilter(Severity.INFO, false, true)));
        }
        for (WebhookSettings hook : webhooks) {
            sinks.add(new Sink(hook.name(), new WebhookNotifier(hook.name(), hook.format(), hook.url().checked(),
                    optional(hook.bearerToken()), hook.timeout()), hook.filter()));
        }
        return new Sinks(sinks);
    }

    private static java.util.function.Supplier<String> optional(ValueSource source) {
        return source == null ? null : source.checked();
    }
}
