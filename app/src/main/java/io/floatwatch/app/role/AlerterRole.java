package io.floatwatch.app.role;

import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.runtime.AlerterRuntime;
import io.floatwatch.alerter.runtime.AlerterSettings;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds and starts the alerter from the validated config. */
final class AlerterRole {

    private AlerterRole() {
    }

    static RunningRole start(RuntimeConfig config, MeterRegistry registry, Notifier notifier) {
        AlerterRuntime runtime = AlerterRuntime.create(new AlerterSettings(config.bootstrapServers(),
                config.alerter().groupId(), Topics.FINDINGS, Topics.EVENTS, config.kafkaProperties()), registry, notifier);
        runtime.start();
        return new RunningRole(Role.ALERTER, runtime, runtime::isReady);
    }
}
