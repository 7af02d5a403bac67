package io.floatwatch.app.config;

import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.collector.CollectorOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The validated config with every default applied: what the roles are built from. Immutable. */
public record RuntimeConfig(
        String bootstrapServers,
        Map<String, String> kafkaProperties,
        List<Account> accounts,
        /** service (ec2, fsx, cloudwatch, sts) -> region or "*" -> endpoint. */
        Map<String, Map<String, URI>> endpoints,
        /** The {@code collector:} section, validated into the collector's own record. */
        CollectorOptions collector,
        /** The {@code analyzer:} section, validated into the analyzer's own record. */
        AnalyzerOptions analyzer,
        /** The {@code alerter:} section, validated into the alerter's own record. */
        AlerterOptions alerter,
        String httpHost,
        int httpPort,
        /** The declared clients, validated into the analyzer's own record. */
        List<DeclaredClient> clients,
        /** The {@code probe:} section; null when absent. */
        ProbeConfig.Options probe) {

    /** A config without a probe section: the collector, analyzer and alerter need none. */
    public RuntimeConfig(String bootstrapServers, Map<String, String> kafkaProperties, List<Account> accounts,
            Map<String, Map<String, URI>> endpoints, CollectorOptions collector, AnalyzerOptions analyzer,
            AlerterOptions alerter, String httpHost, int httpPort, List<DeclaredClient> clients) {
        this(bootstrapServers, kafkaProperties, accounts, endpoints, collector, analyzer, alerter, httpHost, httpPort,
                clients, null);
    }

    public RuntimeConfig withProbe(ProbeConfig.Options newProbe) {
        return new RuntimeConfig(bootstrapServers, kafkaProperties, accounts, endpoints, collector, analyzer, alerter,
                httpHost, httpPort, clients, newProbe);
    }

    public record Account(String id, String roleArn, String externalIdEnv, List<String> regions) {
    }

    /** This config on other brokers (the embedded one): every other setting kept. */
    public RuntimeConfig withKafka(String servers, Map<String, String> properties) {
        return new RuntimeConfig(servers, Map.copyOf(properties), accounts, endpoints, collector, analyzer, alerter,
                httpHost, httpPort, clients);
    }

    /** This config with the analyzer's state store in another directory. */
    public RuntimeConfig withAnalyzerStateDir(java.nio.file.Path stateDir) {
        AnalyzerOptions moved = analyzer.withStateDir(stateDir);
        return new RuntimeConfig(bootstrapServers, kafkaProperties, accounts, endpoints, collector, moved, alerter,
                httpHost, httpPort, clients);
    }

    /** The endpoint override for a service in a region, or null for the AWS default. */
    public URI endpoint(String service, String region) {
        Map<String, URI> byRegion = endpoints.getOrDefault(service, Map.of());
        return byRegion.getOrDefault(region, byRegion.get("*"));
    }
}
