package io.floatwatch.app.role;

import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.runtime.AlerterRuntime;
import io.floatwatch.alerter.runtime.AlerterSettings;
import io.floatwatch.analyzer.runtime.AnalyzerRuntime;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import io.floatwatch.analyzer.runtime.AnalyzerTopics;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.collector.AwsClientSettings;
import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Builds each role's own settings from the one validated config. The only place that knows both. */
final class RoleFactory {

    private RoleFactory() {
    }

    static RunningRole alerter(RuntimeConfig config, MeterRegistry registry, Notifier notifier) {
        AlerterRuntime runtime = AlerterRuntime.create(new AlerterSettings(config.bootstrapServers(),
                config.alerterGroupId(), Topics.FINDINGS, Topics.EVENTS, config.kafkaProperties()), registry, notifier);
        runtime.start();
        return new RunningRole(Role.ALERTER, runtime, runtime::isReady);
    }

    static RunningRole analyzer(RuntimeConfig config) {
        AnalyzerRuntime runtime = AnalyzerRuntime.create(new AnalyzerSettings(config.bootstrapServers(),
                config.analyzerApplicationId(), config.stateDir(), config.stallDeadline(), AnalyzerTopics.defaults()));
        runtime.start();
        return new RunningRole(Role.ANALYZER, runtime, runtime::ready);
    }

    /** @param credentials null for the default credential chain (IRSA in EKS) */
    static RunningRole collector(RuntimeConfig config, MeterRegistry registry, Clock clock,
            AwsCredentialsProvider credentials) {
        CollectorSettings settings = collectorSettings(config);
        Collector collector = credentials == null
                ? Collector.create(settings, clock, registry)
                : Collector.create(settings, credentials, clock, registry);
        collector.start();
        // A collector is ready once scheduled: a failing AWS call is a stale source, not an unready pod.
        return new RunningRole(Role.COLLECTOR, collector, () -> true);
    }

    static CollectorSettings collectorSettings(RuntimeConfig config) {
        List<Scope> scopes = new ArrayList<>();
        for (RuntimeConfig.Account account : config.accounts()) {
            account.regions().forEach(region -> scopes.add(new Scope(account.id(), region)));
        }
        List<EndpointOverride> overrides = new ArrayList<>();
        config.endpoints().forEach((service, byRegion) -> {
            if (EndpointOverride.EC2.equals(service) || EndpointOverride.FSX.equals(service)) {
                byRegion.forEach((region, uri) -> overrides.add(
                        new EndpointOverride(service, "*".equals(region) ? null : region, uri)));
            }
        });
        // Region-specific overrides must win over the "*" fallback: the first match wins.
        overrides.sort((a, b) -> Boolean.compare(a.region() == null, b.region() == null));
        return new CollectorSettings(scopes, overrides,
                Map.of(RouteTableSource.NAME, config.routeTablesInterval(), FileSystemSource.NAME, config.fileSystemsInterval()),
                config.fileSystemsInterval(), config.jitter(), Topics.OBSERVATIONS, config.bootstrapServers(),
                "floatwatch-collector", AwsClientSettings.defaults(), config.kafkaProperties());
    }

}
