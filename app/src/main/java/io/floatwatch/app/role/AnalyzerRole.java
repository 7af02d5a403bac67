package io.floatwatch.app.role;

import io.floatwatch.analyzer.runtime.AnalyzerRuntime;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import io.floatwatch.analyzer.runtime.AnalyzerTopics;
import io.floatwatch.app.config.RuntimeConfig;

/** Builds and starts the analyzer from the validated config. */
final class AnalyzerRole {

    private AnalyzerRole() {
    }

    static RunningRole start(RuntimeConfig config) {
        AnalyzerRuntime runtime = AnalyzerRuntime.create(new AnalyzerSettings(config.bootstrapServers(),
                config.analyzer().applicationId(), config.analyzer().stateDir(), config.analyzer().stallDeadline(),
                AnalyzerTopics.defaults()));
        runtime.start();
        return new RunningRole(Role.ANALYZER, runtime, runtime::ready);
    }
}
