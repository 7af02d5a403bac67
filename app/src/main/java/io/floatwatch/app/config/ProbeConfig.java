package io.floatwatch.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code probe:} section as written: which declared client a {@code floatwatch probe} process speaks for, how
 * often it probes, and, optionally, the endpoints it probes (otherwise learned from the file-system observations).
 *
 * @param client    the name of one of {@code clients[]}; the probe runs on that client's hosts
 * @param interval  time between two rounds of handshakes
 * @param timeout   how long one handshake may take before it is a TIMEOUT
 * @param heartbeat how often an unchanged outcome is published again
 * @param targets   endpoints to probe instead of those learned from Kafka (a file system the observations do not
 *                  show yet, or a pinned set)
 */
public record ProbeConfig(String client, String interval, String timeout, String heartbeat, List<Target> targets) {

    /** Probes every few seconds: a 60 s failover is measured to within one interval. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Same-region handshakes take about 1 ms, cross-region under 250 ms (docs/domain.md section 4). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The analyzer calls a probe silent after three heartbeats without a record. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    /**
     * @param account   the file system's account; defaults to the client's account, or the only account configured
     * @param endpoints the kinds served at that address; defaults to the client's endpoints
     */
    public record Target(String fileSystemId, String account, String region, String endpointIp, List<String> endpoints) {
    }

    /** The validated probe settings; null client when the section is absent (every role but the probe runs without). */
    public record Options(String client, Duration interval, Duration timeout, Duration heartbeat, List<StaticTarget> targets) {
        public Options {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /** A configured endpoint, with its scope resolved. */
    public record StaticTarget(String fileSystemId, String account, String region, String endpointIp, List<String> endpoints) {
    }

    static Options validate(ProbeConfig raw, List<io.floatwatch.analyzer.core.path.DeclaredClient> clients, List<RuntimeConfig.Account> accounts,
            Problems problems) {
        if (raw == null) {
            return null;
        }
        Duration interval = problems.duration("probe.interval", raw.interval(), DEFAULT_INTERVAL, Duration.ofSeconds(1));
        Duration timeout = problems.duration("probe.timeout", raw.timeout(), DEFAULT_TIMEOUT, Duration.ofMillis(100));
        Duration heartbeat = problems.duration("probe.heartbeat", raw.heartbeat(), DEFAULT_HEARTBEAT, Duration.ofSeconds(1));
        if (timeout.compareTo(interval) >= 0) {
            problems.add("probe.timeout", timeout.toMillis() + " ms must be shorter than probe.interval ("
                    + interval.toMillis() + " ms), or rounds overlap");
        }
        if (heartbeat.compareTo(interval) < 0) {
            problems.add("probe.heartbeat", heartbeat.toMillis() + " ms must be at least probe.interval ("
                    + interval.toMillis() + " ms)");
        }
        io.floatwatch.analyzer.core.path.DeclaredClient client = null;
        if (raw.client() == null || raw.client().isBlank()) {
            problems.add("probe.client", "required: the name of the clients[] entry whose hosts this probe runs on");
        } else {
            client = clients.stream().filter(c -> raw.client().equals(c.name())).findFirst().orElse(null);
            if (client == null) {
                problems.add("probe.client", "'" + raw.client() + "' is not one of clients[].name ("
                        + String.join(", ", clients.stream().map(io.floatwatch.analyzer.core.path.DeclaredClient::name).toList()) + ")");
            } else if (client.fileSystemIds().isEmpty()) {
                problems.add("probe.client", "clients[] entry '" + raw.client() + "' lists no fileSystemIds: the probe"
                        + " contacts only the file systems its client declares, so list them");
            }
        }
        List<StaticTarget> targets = new ArrayList<>();
        List<Target> rawTargets = raw.targets() == null ? List.of() : raw.targets();
        for (int i = 0; i < rawTargets.size(); i++) {
            Target t = rawTargets.get(i);
            String p = "probe.targets[" + i + "]";
            if (t == null) {
                problems.add(p + ": empty entry");
                continue;
            }
            if (client != null && (t.fileSystemId() == null || !client.fileSystemIds().contains(t.fileSystemId()))) {
                problems.add(p + ".fileSystemId: '" + t.fileSystemId() + "' is not one of the fileSystemIds of client '"
                        + client.name() + "' " + client.fileSystemIds());
            }
            if (t.endpointIp() == null || Ipv4Cidr.problem(t.endpointIp() + "/32") != null) {
                problems.add(p + ".endpointIp: '" + t.endpointIp() + "' is not an IPv4 address");
            }
            String account = t.account() != null ? t.account()
                    : client != null && client.account() != null ? client.account()
                    : accounts.size() == 1 ? accounts.get(0).id() : null;
            if (account == null || accounts.stream().noneMatch(a -> a.id().equals(account))) {
                problems.add(p + ".account: " + (account == null ? "required when several aws.accounts are configured"
                        : "'" + account + "' is not one of aws.accounts") + " (the file system's account)");
            }
            String region = t.region() != null ? t.region() : client != null && client.region() != null ? client.region()
                    : accounts.stream().filter(a -> a.id().equals(account)).findFirst()
                            .filter(a -> a.regions().size() == 1).map(a -> a.regions().get(0)).orElse(null);
            if (region == null) {
                problems.add(p + ".region: required when the client has no region and the account watches several");
            }
            List<String> endpoints = t.endpoints() != null ? t.endpoints() : client != null ? client.endpoints().stream().map(io.floatwatch.analyzer.core.path.EndpointKind::label).sorted().toList()
                    : List.of();
            for (int j = 0; j < endpoints.size(); j++) {
                if (io.floatwatch.analyzer.core.path.EndpointKind.parse(endpoints.get(j)) == null) {
                    problems.add(p + ".endpoints[" + j + "]: '" + endpoints.get(j) + "' is not an endpoint kind (expected one of "
                            + String.join(", ", io.floatwatch.analyzer.core.path.EndpointKind.labels()) + ")");
                }
            }
            targets.add(new StaticTarget(t.fileSystemId(), account, region, t.endpointIp(), endpoints));
        }
        return new Options(raw.client(), interval, timeout, heartbeat, targets);
    }
}
