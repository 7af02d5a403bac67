package io.floatwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.floatwatch.alerter.notify.Sink;
import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.alerter.sink.AlertmanagerNotifier;
import io.floatwatch.model.finding.Severity;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.tools.Executables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's failover against the real tools: a real Prometheus (deploy/prometheus rules loaded)
 * scrapes the running floatwatch, and a real Alertmanager receives floatwatch's own alerts through
 * the Alertmanager sink and forwards them, with send_resolved, to a loopback webhook. Skipped with a
 * message where the Debian packages prometheus and prometheus-alertmanager are not installed.
 */
class RealToolsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEPLOY = Path.of("../deploy");
    private static final Path RULES = DEPLOY.resolve("prometheus/floatwatch-rules.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bfloatwatch_[a-z0-9_]+");
    private static final Pattern LABEL_REF = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static String prometheus;
    private static String alertmanager;
    private static DemoRun.Result result;
    private static String printed;

    @BeforeAll
    static void runTheFailoverAgainstRealTools() throws Exception {
        Path prometheusBin = Executables.which("prometheus");
        Path alertmanagerBin = Executables.which("prometheus-alertmanager", "alertmanager");
        assumeTrue(prometheusBin != null && alertmanagerBin != null,
                "real-tools test skipped: prometheus and alertmanager not on PATH"
                        + " (apt-get install prometheus prometheus-alertmanager; see deploy/README.md)");

        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/am", ex -> {
            try (ex) {
                RECEIVED.add(JSON.readTree(ex.getRequestBody()));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();

        int amPort = freePort();
        alertmanager = "http://127.0.0.1:" + amPort;
        Path amConfig = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: test
                  group_by: [alertname, fs_id]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: test
                    webhook_configs:
                      - url: http://127.0.0.1:%d/am
                        send_resolved: true
                """.formatted(receiver.getAddress().getPort()));
        start(dir.resolve("alertmanager.log"), alertmanagerBin.toString(), "--config.file=" + amConfig,
                "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
                "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=");
        awaitTrue(() -> ok(alertmanager + "/-/ready"), Duration.ofSeconds(30), "alertmanager to be ready");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoRun.Options options = new DemoRun.Options(120, Duration.ofSeconds(30), "127.0.0.1", 0,
                new PrintStream(out, true, StandardCharsets.UTF_8), KafkaBrokers::start);
        Sink toAlertmanager = new Sink("alertmanager", new AlertmanagerNotifier(() -> alertmanager, null,
                Duration.ofSeconds(5), Duration.ofSeconds(2), null, Clock.systemUTC()),
                new SinkFilter(Severity.INFO, false, true));
        try (DemoRun run = DemoRun.start(options, List.of(toAlertmanager))) {
            int promPort = freePort();
            prometheus = "http://127.0.0.1:" + promPort;
            URI metrics = run.metricsUrl();
            Path promConfig = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s
                    scrape_configs:
                      - job_name: floatwatch
                        static_configs:
                          - targets: ['%s:%d']
                    """.formatted(RULES.toAbsolutePath().normalize(), metrics.getHost(),
                    metrics.getPort()));
            start(dir.resolve("prometheus.log"), prometheusBin.toString(), "--config.file=" + promConfig,
                    "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-data")),
                    "--web.listen-address=127.0.0.1:" + promPort);
            awaitTrue(() -> ok(prometheus + "/-/ready"), Duration.ofSeconds(30), "prometheus to be ready");
            awaitTrue(() -> scalar("up{job=\"floatwatch\"}") == 1.0, Duration.ofSeconds(30),
                    "prometheus to scrape floatwatch");

            result = run.play(Duration.ofSeconds(90), Duration.ofSeconds(60));
            printed = out.toString(StandardCharsets.UTF_8);
            // Alertmanager forwards the resolution on its next group flush; Prometheus needs a scrape
            // and an evaluation after the failback.
            awaitTrue(() -> alertsIn("resolved").size() >= 1, Duration.ofSeconds(30),
                    "alertmanager to forward the resolution");
            awaitTrue(() -> scalar("floatwatch_fsx_failovers_total") == 1.0
                    && scalar("count(floatwatch_fsx_last_failed_over_seconds)") == 1.0, Duration.ofSeconds(15),
                    "prometheus to scrape the failover and failback metrics");
        }
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(p -> {
            p.destroy();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void shouldScrapeTheFailoverMetricsWhenTheDemoFailsOver() throws Exception {
        assertThat(result.failoverAndFailbackDetected()).as(printed).isTrue();
        assertThat(scalar("max(max_over_time(floatwatch_findings_active{type=\"fsx_failed_over\"}[10m]))")).isEqualTo(1.0);
        assertThat(scalar("max(max_over_time(floatwatch_fsx_route_target{role=\"standby\"}[10m]))")).isEqualTo(1.0);
        assertThat(scalar("max(max_over_time(floatwatch_fsx_active_role{role=\"standby\"}[10m]))")).isEqualTo(1.0);
    }

    @Test
    void shouldFireTheFindingRuleWhenTheFileSystemIsFailedOver() throws Exception {
        assertThat(scalar("max(max_over_time(ALERTS{alertname=\"FloatwatchFinding\",alertstate=\"firing\","
                + "type=\"fsx_failed_over\"}[10m]))")).isEqualTo(1.0);
        assertThat(scalar("count(ALERTS{alertname=\"FloatwatchFinding\",alertstate=\"firing\"}) or vector(0)"))
                .as("resolved after the failback").isEqualTo(0.0);
    }

    @Test
    void shouldDeliverExactlyOneAlertPerFailoverWhenAlertmanagerRoutesIt() {
        Set<String> firing = fingerprints(alertsIn("firing"), "FsxFailedOver");
        Set<String> resolved = fingerprints(alertsIn("resolved"), "FsxFailedOver");
        assertThat(firing).as("one FsxFailedOver alert for the one failover: " + RECEIVED).hasSize(1);
        assertThat(resolved).as("and it was resolved").isEqualTo(firing);
        // Other finding types (staleness while the demo starts, VPN, paths) may fire too; the failover
        // itself must be this one alert, never one per route table or a second FSx alert.
        List<String> fsxAlerts = alertsIn("firing").stream().map(a -> a.at("/labels/alertname").asText())
                .filter(name -> name.startsWith("Fsx")).distinct().toList();
        assertThat(fsxAlerts).as("FSx alerts: " + RECEIVED).containsExactly("FsxFailedOver");
    }

    @Test
    void shouldUseOnlyExportedMetricsAndLabelsWhenRulesAndDashboardsQueryThem() throws Exception {
        Set<String> scraped = new HashSet<>();
        get("/api/v1/label/__name__/values").path("data").forEach(n -> scraped.add(n.asText()));
        Set<String> used = new TreeSet<>();
        for (Path dashboard : dashboards()) {
            JSON.readTree(dashboard.toFile()).findValuesAsText("expr").forEach(e -> addMetrics(e, used));
        }
        JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        rules.findValuesAsText("expr").forEach(e -> addMetrics(e, used));
        assertThat(used).isNotEmpty();
        // Exported only where a probe runs beside a client (the demo has none); ClientOutageMetricsTest and
        // ProbeVerdictIT scrape it.
        used.removeIf(name -> name.startsWith("floatwatch_failover_client_outage_seconds"));
        // Exported only by collector replicas of a group (collector.group; the demo runs one collector); CollectorGroupIT
        // scrapes it from every replica under the name the alert reads.
        used.remove("floatwatch_collector_group_config_mismatch");
        assertThat(scraped).as("metrics the rules and dashboards use, all scraped from a live floatwatch")
                .containsAll(used);

        // A label an alert's annotations print must be one the metric it reads is exported with, or one a
        // recording rule it reads adds with label_replace (the role of a scrape target, from its job).
        java.util.Map<String, String> recorded = new java.util.HashMap<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    recorded.put(rule.path("record").asText(), rule.path("expr").asText());
                }
            }
        }
        Pattern added = Pattern.compile("label_replace\\(.*?}\\s*,\\s*\"([a-zA-Z_][a-zA-Z0-9_]*)\"");
        Set<String> missing = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.has("alert")) {
                    continue;
                }
                Set<String> metricLabels = new HashSet<>(Set.of("instance", "job"));
                rule.path("labels").fieldNames().forEachRemaining(metricLabels::add);
                Set<String> metricsOfRule = new TreeSet<>();
                addMetrics(rule.path("expr").asText(), metricsOfRule);
                metricsOfRule.forEach(m -> metricLabels.addAll(exportedLabels(m)));
                String expr = rule.path("expr").asText();
                recorded.forEach((name, recordExpr) -> {
                    if (expr.contains(name)) {
                        Matcher a = added.matcher(recordExpr);
                        while (a.find()) {
                            metricLabels.add(a.group(1));
                        }
                    }
                });
                Matcher m = LABEL_REF.matcher(rule.path("annotations").toString());
                while (m.find()) {
                    if (!metricLabels.contains(m.group(1))) {
                        missing.add(rule.path("alert").asText() + " uses $labels." + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Label names on the exposition of {@code metric} (empty values included, which Prometheus drops). */
    private static Set<String> exportedLabels(String metric) {
        Set<String> labels = new HashSet<>();
        for (String line : result.metrics().split("\n")) {
            if (line.startsWith(metric + "{")) {
                Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(line.substring(line.indexOf('{')));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return labels;
    }

    private static void addMetrics(String expr, Set<String> into) {
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            into.add(m.group());
        }
    }

    private static List<JsonNode> alertsIn(String status) {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode notification : RECEIVED) {
            notification.path("alerts").forEach(a -> {
                if (status.equals(a.path("status").asText())) {
                    alerts.add(a);
                }
            });
        }
        return alerts;
    }

    private static Set<String> fingerprints(List<JsonNode> alerts, String alertname) {
        Set<String> out = new TreeSet<>();
        alerts.stream().filter(a -> alertname == null || alertname.equals(a.at("/labels/alertname").asText()))
                .forEach(a -> out.add(a.path("fingerprint").asText()));
        return out;
    }

    private static double scalar(String query) {
        try {
            JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("data");
            JsonNode results = data.path("result");
            if (results.isEmpty()) {
                return Double.NaN;
            }
            return Double.parseDouble(results.get(0).path("value").get(1).asText());
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static JsonNode get(String path) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean ok(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void start(Path log, String... command) throws IOException {
        PROCESSES.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; logs in " + dir);
            }
            Thread.sleep(250);
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (var files = Files.list(DEPLOY.resolve("grafana"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
