package io.floatwatch.app.role;

import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.runtime.AlerterRuntime;
import io.floatwatch.alerter.sink.ValueSource;
import io.floatwatch.app.StartupProblem;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Builds and starts the alerter from the validated config, and its notification sinks. */
public final class AlerterRole {

    private AlerterRole() {
    }

    static RunningRole start(RuntimeConfig config, MeterRegistry registry, Notifier notifier) {
        AlerterRuntime runtime = AlerterRuntime.create(
                config.alerter().settings(config.bootstrapServers(), config.kafkaProperties()), registry, notifier);
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
        try {
            return config.alerter().sinks().notifier(Clock.systemUTC());
        } catch (ValueSource.SecretUnusable e) {
            throw new StartupProblem("alerter sink secret unusable: " + e.getMessage(), e);
        }
    }
}
