package io.floatwatch.app.role;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.runtime.AnalyzerMetrics;
import io.floatwatch.analyzer.runtime.AnalyzerRuntime;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Builds and starts the analyzer from the validated config. */
public final class AnalyzerRole {

    private AnalyzerRole() {
    }

    static RunningRole start(RuntimeConfig config, MeterRegistry registry) {
        // kafka.properties reach the analyzer's clients as they reach the collector's and the alerter's:
        // a broker that needs TLS or SASL needs it from every role.
        AnalyzerRuntime runtime = AnalyzerRuntime.create(settings(config), config.kafkaProperties());
        AnalyzerMetrics.bind(registry, runtime);
        runtime.start();
        Health health = new Health()
                .addLiveness(new HealthCheck("analyzer.streams", runtime::liveProblem))
                .addReadiness(new HealthCheck("analyzer.processing", runtime::readyProblem));
        return new RunningRole(Role.ANALYZER, runtime, health);
    }

    public static AnalyzerSettings settings(RuntimeConfig config) {
        return config.analyzer().settings(config.bootstrapServers(), config.clients(), watched(config));
    }

    /** Every (account, region) the collectors poll. */
    static List<io.floatwatch.model.Scope> watched(RuntimeConfig config) {
        return config.accounts().stream().flatMap(a -> a.regions().stream().map(r -> new io.floatwatch.model.Scope(a.id(), r)))
                .toList();
    }

}
