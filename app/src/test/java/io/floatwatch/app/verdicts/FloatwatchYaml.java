package io.floatwatch.app.verdicts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floatwatch.yaml a verdict test runs with, as an operator would write it: every AWS service on the
 * simulator, the whole EC2 share (the tests poll every second, the default 2 calls/s would starve the
 * polls past their deadline), the route tables and file systems every second, and the test's own accounts,
 * faster sources, analyzer settings and clients. {@code %STATE%} and {@code %PORT%} are left for
 * {@link RunningFloatwatch#start}.
 */
final class FloatwatchYaml {

    private final String bootstrapServers;
    private final URI aws;
    private final List<String> accounts = new ArrayList<>();
    private final Map<String, String> intervals = new LinkedHashMap<>();
    private final Map<String, String> analyzer = new LinkedHashMap<>();
    private String clients = "";

    private FloatwatchYaml(String bootstrapServers, URI aws) {
        this.bootstrapServers = bootstrapServers;
        this.aws = aws;
    }

    static FloatwatchYaml of(String bootstrapServers, URI awsEndpoint) {
        return new FloatwatchYaml(bootstrapServers, awsEndpoint);
    }

    FloatwatchYaml account(String id, String region) {
        accounts.add("    - id: \"" + id + "\"\n      regions: [" + region + "]\n");
        return this;
    }

    /** An account reached through {@code roleArn} (sts:AssumeRole against the simulator). */
    FloatwatchYaml account(String id, String region, String roleArn) {
        accounts.add("    - id: \"" + id + "\"\n      regions: [" + region + "]\n      roleArn: " + roleArn + "\n");
        return this;
    }

    /** Polls {@code source} every second. */
    FloatwatchYaml everySecond(String... sources) {
        for (String source : sources) {
            intervals.put(source, "1s");
        }
        return this;
    }

    FloatwatchYaml analyzer(String key, String value) {
        analyzer.put(key, value);
        return this;
    }

    /** The {@code clients:} entries, each starting with {@code - name:} at column 0. */
    FloatwatchYaml clients(String entries) {
        this.clients = entries.indent(2);
        return this;
    }

    String render() {
        StringBuilder y = new StringBuilder();
        y.append("kafka:\n  bootstrapServers: \"").append(bootstrapServers).append("\"\n");
        y.append("aws:\n  accounts:\n");
        accounts.forEach(y::append);
        y.append("  endpoints:\n");
        for (String service : List.of("ec2", "fsx", "cloudwatch", "sts")) {
            y.append("    ").append(service).append(": {\"*\": \"").append(aws).append("\"}\n");
        }
        y.append("collector:\n  ec2CallsPerSecond: 20\n  ec2Burst: 100\n  routeTablesInterval: 1s\n  fileSystemsInterval: 1s\n");
        Map<String, String> all = new LinkedHashMap<>(Map.of("ec2.route-table-inventory", "1m"));
        all.putAll(intervals);
        y.append("  intervals:\n");
        all.forEach((source, interval) -> y.append("    ").append(source).append(": ").append(interval).append('\n'));
        y.append("analyzer:\n  stateDir: \"%STATE%\"\n");
        analyzer.forEach((key, value) -> y.append("  ").append(key).append(": ").append(value).append('\n'));
        y.append("http:\n  host: 127.0.0.1\n  port: %PORT%\n");
        if (!clients.isEmpty()) {
            y.append("clients:\n").append(clients);
        }
        return y.toString();
    }
}
