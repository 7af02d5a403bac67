package io.floatwatch.app.config;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.collector.aws.EndpointOverride;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/** Checks every field, collects every problem, and applies every default in one place. */
final class ConfigValidator {

    static final int DEFAULT_HTTP_PORT = 9464;
    /** The services whose endpoint may be overridden: the collector's clients. */
    static final Set<String> SERVICES = EndpointOverride.SERVICES;
    /** The paths the analyzer judges, as written in the config ({@code same-vpc}, {@code vpn-tgw}, ...). */
    static final Set<String> CLIENT_PATHS = java.util.Arrays.stream(Via.values()).map(Via::label)
            .collect(Collectors.toUnmodifiableSet());
    /** FSx ids: fs- and 17 hex digits today, 8 for file systems created before 2018. */
    private static final java.util.regex.Pattern FILE_SYSTEM_ID = java.util.regex.Pattern.compile("fs-([0-9a-f]{8}|[0-9a-f]{17})");

    private final Problems problems = new Problems();
    private final boolean kafkaGiven;

    private ConfigValidator(boolean kafkaGiven) {
        this.kafkaGiven = kafkaGiven;
    }

    static RuntimeConfig validate(FloatwatchConfig raw, String source) {
        return validate(raw, source, false);
    }

    /** @param kafkaGiven the command line names the broker ({@code --embedded-kafka}), so the file need not */
    static RuntimeConfig validate(FloatwatchConfig raw, String source, boolean kafkaGiven) {
        ConfigValidator v = new ConfigValidator(kafkaGiven);
        RuntimeConfig config = v.check(raw);
        if (!v.problems.isEmpty()) {
            throw new ConfigException(source, v.problems.all());
        }
        return config;
    }

    private RuntimeConfig check(FloatwatchConfig raw) {
        FloatwatchConfig.Kafka kafka = raw.kafka();
        String bootstrap = kafka == null ? null : kafka.bootstrapServers();
        if (bootstrap == null || bootstrap.isBlank()) {
            if (!kafkaGiven) {
                problems.add("kafka.bootstrapServers: required (host:port[,host:port...] of your Kafka brokers,"
                        + " or run `floatwatch all --embedded-kafka DIR` for a broker in the process)");
            }
        } else {
            for (String server : bootstrap.split(",")) {
                if (!server.trim().matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                    problems.add("kafka.bootstrapServers: '" + server.trim() + "' is not host:port");
                }
            }
        }
        Map<String, String> kafkaProperties = kafka == null || kafka.properties() == null ? Map.of() : kafka.properties();
        for (String key : kafkaProperties.keySet()) {
            if (key.equals("bootstrap.servers") || key.startsWith("key.") || key.startsWith("value.")) {
                problems.add("kafka.properties." + key + ": set by floatwatch itself; remove it");
            }
            if (kafkaProperties.get(key) == null) {
                problems.add("kafka.properties." + key + ": has no value (YAML needs a space after the colon: 'key: value')");
            }
        }
        // Reported above; dropped here so that building the rest of the config cannot trip over them.
        kafkaProperties = new java.util.HashMap<>(kafkaProperties);
        kafkaProperties.values().removeIf(java.util.Objects::isNull);

        List<RuntimeConfig.Account> accounts = accounts(raw.aws());
        Map<String, Map<String, URI>> endpoints = endpoints(raw.aws());

        io.floatwatch.collector.CollectorOptions collector = CollectorConfig.validate(raw.collector(), problems);
        io.floatwatch.analyzer.runtime.AnalyzerOptions analyzer = AnalyzerConfig.validate(raw.analyzer(), problems);
        io.floatwatch.alerter.runtime.AlerterOptions alerter = AlerterConfig.validate(raw.alerter(), problems);

        FloatwatchConfig.Http http = raw.http();
        String host = http == null || http.host() == null ? "0.0.0.0" : http.host();
        int port = http == null || http.port() == null ? DEFAULT_HTTP_PORT : http.port();
        if (port < 0 || port > 65535) {
            problems.add("http.port: " + port + " is not 0-65535 (0 picks a free port)");
        }

        List<DeclaredClient> clients = clients(raw.clients(), accounts);

        ProbeConfig.Options probe = ProbeConfig.validate(raw.probe(), clients, accounts, problems);

        return new RuntimeConfig(bootstrap == null ? null : bootstrap.trim(), Map.copyOf(kafkaProperties), accounts,
                endpoints, collector, analyzer, alerter, host, port, clients, probe);
    }

    private List<RuntimeConfig.Account> accounts(FloatwatchConfig.Aws aws) {
        if (aws == null || aws.accounts() == null || aws.accounts().isEmpty()) {
            problems.add("aws.accounts: required (at least one account with its regions)");
            return List.of();
        }
        Set<String> knownRegions = Region.regions().stream().map(Region::id)
                .filter(id -> !id.startsWith("aws-")).collect(Collectors.toCollection(TreeSet::new));
        List<RuntimeConfig.Account> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < aws.accounts().size(); i++) {
            FloatwatchConfig.Account account = aws.accounts().get(i);
            String p = "aws.accounts[" + i + "]";
            if (account == null) {
                problems.add(p + ": empty entry");
                continue;
            }
            if (account.id() == null || !account.id().matches("\\d{12}")) {
                problems.add(p + ".id: " + (account.id() == null ? "required" : "'" + account.id() + "' is not")
                        + " a 12-digit AWS account id");
            } else if (!seen.add(account.id())) {
                problems.add(p + ".id: account " + account.id() + " is listed twice");
            }
            if (account.roleArn() != null) {
                AssumableRole.problems(p + ".roleArn", account.roleArn(), account.id()).forEach(problems::add);
            }
            if (account.externalIdEnv() != null && !account.externalIdEnv().matches("[A-Z_][A-Z0-9_]*")) {
                problems.add(p + ".externalIdEnv: '" + account.externalIdEnv()
                        + "' is not an environment variable name (the external id itself never goes in the file)");
            }
            List<String> regions = account.regions() == null ? List.of() : account.regions();
            if (regions.isEmpty()) {
                problems.add(p + ".regions: required (at least one region, e.g. ap-northeast-1)");
            }
            for (int r = 0; r < regions.size(); r++) {
                String region = regions.get(r);
                if (region == null || !knownRegions.contains(region)) {
                    problems.add(p + ".regions[" + r + "]: '" + region + "' is not a known region (expected one of "
                            + String.join(", ", knownRegions) + ")");
                }
            }
            out.add(new RuntimeConfig.Account(account.id(), account.roleArn(), account.externalIdEnv(), List.copyOf(
                    regions.stream().filter(r -> r != null).toList())));
        }
        return List.copyOf(out);
    }

    private Map<String, Map<String, URI>> endpoints(FloatwatchConfig.Aws aws) {
        Map<String, Map<String, URI>> out = new LinkedHashMap<>();
        if (aws == null || aws.endpoints() == null) {
            return Map.of();
        }
        aws.endpoints().forEach((service, byRegion) -> {
            String p = "aws.endpoints." + service;
            if (!SERVICES.contains(service)) {
                problems.add(p + ": unknown service (expected one of " + new TreeSet<>(SERVICES) + ")");
                return;
            }
            Map<String, URI> uris = new LinkedHashMap<>();
            if (byRegion != null) {
                byRegion.forEach((region, url) -> {
                    try {
                        URI uri = new URI(url);
                        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                            problems.add(p + "." + region + ": '" + url + "' is not an http(s) URL");
                        } else {
                            uris.put(region, uri);
                        }
                    } catch (URISyntaxException | NullPointerException e) {
                        problems.add(p + "." + region + ": '" + url + "' is not a URL");
                    }
                });
            }
            out.put(service, Map.copyOf(uris));
        });
        return Map.copyOf(out);
    }

    /** Each entry validated straight into the analyzer's {@link DeclaredClient}: one record per client, not one per hop. */
    private List<DeclaredClient> clients(List<FloatwatchConfig.Client> raw, List<RuntimeConfig.Account> accounts) {
        if (raw == null) {
            return List.of();
        }
        List<DeclaredClient> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            FloatwatchConfig.Client c = raw.get(i);
            String p = "clients[" + i + "]";
            if (c == null) {
                problems.add(p + ": empty entry");
                continue;
            }
            if (c.name() == null || c.name().isBlank()) {
                problems.add(p + ".name: required (a short name on-call recognises, e.g. onprem-tokyo)");
            } else if (!names.add(c.name())) {
                problems.add(p + ".name: '" + c.name() + "' is used twice");
            }
            if (c.cidr() == null) {
                problems.add(p + ".cidr: required (the client's IPv4 CIDR, e.g. 192.168.0.0/16)");
            } else {
                String why = Ipv4Cidr.problem(c.cidr());
                if (why != null) {
                    problems.add(p + ".cidr: '" + c.cidr() + "' is not an IPv4 CIDR: " + why);
                }
            }
            if (c.via() == null || !CLIENT_PATHS.contains(c.via())) {
                problems.add(p + ".via: " + (c.via() == null ? "required" : "'" + c.via() + "' is not known")
                        + " (expected one of " + new TreeSet<>(CLIENT_PATHS) + ")");
            }
            if (c.account() != null && accounts.stream().noneMatch(a -> c.account().equals(a.id()))) {
                problems.add(p + ".account: '" + c.account() + "' is not one of aws.accounts");
            }
            if (c.latticeResourceIp() != null && Ipv4Cidr.problem(c.latticeResourceIp() + "/32") != null) {
                problems.add(p + ".latticeResourceIp: '" + c.latticeResourceIp() + "' is not an IPv4 address");
            }
            List<String> fileSystemIds = c.fileSystemIds() == null ? List.of() : c.fileSystemIds();
            for (int j = 0; j < fileSystemIds.size(); j++) {
                String id = fileSystemIds.get(j);
                if (id == null || !FILE_SYSTEM_ID.matcher(id).matches()) {
                    problems.add(p + ".fileSystemIds[" + j + "]: '" + id + "' is not a file system id (expected fs- and"
                            + " 8 or 17 hex digits, e.g. fs-0123456789abcdef0)");
                }
            }
            List<String> endpoints = c.endpoints() == null ? List.of() : c.endpoints();
            if (c.endpoints() != null && endpoints.isEmpty()) {
                problems.add(p + ".endpoints: empty; leave it out for the data endpoints, or list the kinds the client uses ("
                        + String.join(", ", EndpointKind.labels()) + ")");
            }
            for (int j = 0; j < endpoints.size(); j++) {
                if (EndpointKind.parse(endpoints.get(j)) == null) {
                    problems.add(p + ".endpoints[" + j + "]: '" + endpoints.get(j) + "' is not an endpoint kind (expected one of "
                            + String.join(", ", EndpointKind.labels()) + ")");
                }
            }
            Via via = Via.parse(c.via());
            if (c.name() != null && !c.name().isBlank() && via != null) {
                // An entry with problems is still listed (when it can be), so the probe section is judged against it.
                out.add(new DeclaredClient(c.name(), c.account(), c.region(), c.cidr(), via, c.subnetId(), c.vpcId(),
                        c.latticeResourceIp(), Set.copyOf(fileSystemIds), EndpointKind.parseAll(endpoints)));
            }
        }
        return List.copyOf(out);
    }

}
