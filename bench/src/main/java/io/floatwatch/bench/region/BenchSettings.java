package io.floatwatch.bench.region;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.aws.EndpointOverride;
import io.floatwatch.model.Scope;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The collector settings a benchmark runs: the collector's defaults, every AWS service on the simulator. The
 * collector's main code has no such copies (production builds its settings once from the config), and the
 * benchmarks are main code, so they cannot use the collector's test builder.
 */
public final class BenchSettings {

    private BenchSettings() {
    }

    /**
     * @param intervals per source; the sources not listed poll every minute, the route-table inventory at its default
     * @param ec2CallsPerSecond the EC2 bucket's refill per account and region
     */
    public static CollectorSettings onSimulator(Scope scope, String bootstrapServers, URI endpoint, Map<String, Duration> intervals,
            double ec2CallsPerSecond, int ec2Burst) {
        CollectorSettings d = CollectorSettings.defaults(List.of(scope), bootstrapServers);
        List<EndpointOverride> all = EndpointOverride.SERVICES.stream().sorted().map(s -> new EndpointOverride(s, null, endpoint)).toList();
        return new CollectorSettings(d.scopes(), all, intervals, d.defaultPollInterval(), d.jitter(), d.topic(), d.bootstrapServers(),
                d.clientId(), d.aws(), d.producerProperties(), d.accounts(), ec2CallsPerSecond, ec2Burst, d.declaredRouteTableIds(),
                d.clientCidrs(), d.routeTablesUrgent(), d.failoverWindows());
    }
}
