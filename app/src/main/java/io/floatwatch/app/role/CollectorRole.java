package io.floatwatch.app.role;

import io.floatwatch.app.config.CollectorConfig;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.Collector;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.group.ScopeGroup;
import io.floatwatch.collector.group.ScopeGroupSettings;
import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Builds and starts the collector from the validated config. */
public final class CollectorRole {

    private CollectorRole() {
    }

    /** @param credentials null for the default credential chain (IRSA in EKS) */
    static RunningRole start(RuntimeConfig config, MeterRegistry registry, Clock clock, AwsCredentialsProvider credentials) {
        CollectorSettings settings = settings(config);
        var group = config.collector().group();
        if (group != null) {
            // Group mode: this replica polls the scopes the consumer group gives it (collector/README.md, "Scale-out").
            ScopeGroup replica = ScopeGroup.start(settings, groupSettings(group), credentials, clock, registry);
            Health health = new Health().addLiveness(new HealthCheck("collector.group", replica::liveProblem));
            return new RunningRole(Role.COLLECTOR, replica, health);
        }
        Collector collector = credentials == null
                ? Collector.create(settings, clock, registry)
                : Collector.create(settings, credentials, clock, registry);
        collector.start();
        // A failing AWS call is a stale source (DATA_STALE), not an unready pod; a dead scheduler polls nothing
        // ever again, which only a restart fixes. Readiness is Kafka, which the pipeline checks for every role.
        Health health = new Health().addLiveness(new HealthCheck("collector.scheduler", collector::liveProblem));
        return new RunningRole(Role.COLLECTOR, collector, health);
    }

    /**
     * The replica's group settings. Its name, in logs and in its transactional id, is the pod's (HOSTNAME) and a suffix
     * of this run: two replicas sharing a transactional id would fence each other's every commit, and two processes on
     * one host share HOSTNAME. Fencing a replica that lost its scopes is the group's job, not the id's.
     */
    static ScopeGroupSettings groupSettings(CollectorOptions.Group group) {
        String host = System.getenv("HOSTNAME");
        String member = (host != null && host.matches("[A-Za-z0-9._-]{1,180}") ? host : "replica") + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new ScopeGroupSettings(group.id(), group.topic(), group.sessionTimeout(), member, null, null, null);
    }

    /** The collector settings the role runs with; public so a test can adjust them (e.g. shorter AWS timeouts). */
    public static CollectorSettings settings(RuntimeConfig config) {
        List<Scope> scopes = new ArrayList<>();
        for (RuntimeConfig.Account account : config.accounts()) {
            account.regions().forEach(region -> scopes.add(new Scope(account.id(), region)));
        }
        List<EndpointOverride> overrides = new ArrayList<>();
        config.endpoints().forEach((service, byRegion) -> {
            if (EndpointOverride.SERVICES.contains(service)) {
                byRegion.forEach((region, uri) -> overrides.add(
                        new EndpointOverride(service, "*".equals(region) ? null : region, uri)));
            }
        });
        // Region-specific overrides must win over the "*" fallback: the first match wins.
        overrides.sort((a, b) -> Boolean.compare(a.region() == null, b.region() == null));
        List<AccountAccess> access = config.accounts().stream()
                .map(a -> new AccountAccess(a.id(), a.roleArn(), a.externalIdEnv())).toList();
        // The fast loop stays urgent while the analyzer would still call a failover planned, or not yet stalled.
        RouteTableCadence.Windows windows = new RouteTableCadence.Windows(config.analyzer().rules().maintenanceWindow(),
                config.analyzer().stallDeadline());
        return config.collector().settings(scopes, overrides, access, clientCidrs(config), windows, config.bootstrapServers(),
                config.kafkaProperties());
    }

    /** The declared clients' CIDRs: the TGW route tables are searched for the route back to each. */
    private static List<String> clientCidrs(RuntimeConfig config) {
        return config.clients().stream().map(io.floatwatch.analyzer.core.path.DeclaredClient::cidr).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
