package io.floatwatch.app.role;

import io.floatwatch.alerter.notify.LogNotifier;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.notify.Sink;
import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.alerter.notify.Sinks;
import io.floatwatch.alerter.runtime.AlerterRuntime;
import io.floatwatch.alerter.runtime.AlerterSettings;
import io.floatwatch.alerter.sink.AlertmanagerNotifier;
import io.floatwatch.alerter.sink.Secret;
import io.floatwatch.alerter.sink.WebhookNotifier;
import io.floatwatch.app.StartupProblem;
import io.floatwatch.app.config.AlerterConfig;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.floatwatch.model.Topics;
import io.floatwatch.model.finding.Severity;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Builds and starts the alerter from the validated config, and its notification sinks. */
public final class AlerterRole {

    private AlerterRole() {
    }

    static RunningRole start(RuntimeConfig config, MeterRegistry registry, Notifier notifier) {
        AlerterRuntime runtime = AlerterRuntime.create(new AlerterSettings(config.bootstrapServers(),
                config.alerter().groupId(), Topics.FINDINGS, Topics.EVENTS, config.kafkaProperties()), registry, notifier);
        runtime.start();
        Health health = new Health()
                .addLiveness(new HealthCheck("alerter.consume-loop", runtime::liveProblem))
                .addReadiness(new HealthCheck("alerter.rebuild", runtime::readyProblem));
        return new RunningRole(Role.ALERTER, runtime, health);
    }

    /**
     * The configured sinks as one notifier: the log (unless {@code alerter.log: false}), Alertmanager,
     * and every webhook. Every secret is read once here, so a missing variable or file stops the start
     * with a message naming it (never its value) instead of failing at the first page.
     */
    public static Notifier notifier(RuntimeConfig config) {
        AlerterConfig.Options options = config.alerter();
        List<Sink> sinks = new ArrayList<>();
        if (options.log()) {
            sinks.add(new Sink(AlerterConfig.LOG_SINK, new LogNotifier(), SinkFilter.everything()));
        }
        AlerterConfig.AlertmanagerOptions am = options.alertmanager();
        if (am != null) {
            // Alertmanager routes on severity itself, and updates keep its alert current: it takes every finding.
            sinks.add(new Sink(AlerterConfig.ALERTMANAGER_SINK, new AlertmanagerNotifier(checked(am.url()), optional(am.bearerToken()),
                    am.timeout(), am.resendInterval(), am.generatorUrl(), Clock.systemUTC()),
                    new SinkFilter(Severity.INFO, false, true)));
        }
        for (AlerterConfig.WebhookOptions hook : options.webhooks()) {
            WebhookNotifier.Format format = WebhookNotifier.Format.valueOf(hook.format().toUpperCase(Locale.ROOT));
            sinks.add(new Sink(hook.name(), new WebhookNotifier(hook.name(), format, checked(hook.url()),
                    optional(hook.bearerToken()), hook.timeout()),
                    new SinkFilter(Severity.valueOf(hook.minSeverity().toUpperCase(Locale.ROOT)), hook.events(),
                            hook.updates())));
        }
        return new Sinks(sinks);
    }

    private static Supplier<String> optional(AlerterConfig.Source source) {
        return source == null ? null : checked(source);
    }

    private static Supplier<String> checked(AlerterConfig.Source source) {
        if (source.value() != null) {
            String value = source.value();
            return () -> value;
        }
        Secret secret = source.env() != null ? Secret.fromEnv(source.env()) : Secret.fromFile(Path.of(source.file()));
        try {
            secret.value();
        } catch (RuntimeException e) {
            throw new StartupProblem("alerter sink secret unusable: " + e.getMessage(), e);
        }
        return secret::value;
    }
}
