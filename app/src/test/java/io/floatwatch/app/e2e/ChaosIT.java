package io.floatwatch.app.e2e;

import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.testkit.tools.Executables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.http.OpsHttpServer;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.RestartableKafkaBroker;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 14, point 5: break each part of floatwatch under a real Prometheus (the shipped rules, their
 * {@code for:} durations scaled from minutes to seconds) and a real Alertmanager, each role a "pod"
 * of its own with its own /metrics, /healthz and /readyz. Each time the right probe turns red, the
 * right alert fires in Prometheus and reaches Alertmanager's receiver, and once the part is back the
 * probe turns green and the alert is resolved there too. Skipped without the Debian packages
 * prometheus and prometheus-alertmanager.
 */
class ChaosIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STEP = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Map<Role, Pod> pods = new EnumMap<>(Role.class);
    private final Map<Role, Integer> ports = new EnumMap<>(Role.class);
    private HttpServer receiver;
    private RestartableKafkaBroker broker;
    private AwsSimulator aws;
    private RuntimeConfig config;
    private String prometheus;

    /** One role as its own pod: a pipeline, its registry and its ops server. */
    private record Pod(Pipeline pipeline, OpsHttpServer http) {
        void stop() {
            http.close();
            pipeline.close();
        }
    }

    @Test
    @Timeout(900)
    void shouldTurnTheRightProbeRedFireTheRightAlertAndResolveItWhenEachPartBreaksAndComesBack() throws Exception {
        Path prometheusBin = Executables.which("prometheus");
        Path alertmanagerBin = Executables.which("prometheus-alertmanager", "alertmanager");
        assumeTrue(prometheusBin != null && alertmanagerBin != null,
                "chaos test skipped: prometheus and alertmanager not on PATH (see deploy/README.md)");
        startFloatwatch();
        startAlertmanagerAndPrometheus(prometheusBin, alertmanagerBin);
        for (Role role : Role.all()) {
            awaitTrue(() -> status(role, "/readyz") == 200, STEP, role.label() + " ready");
        }
        awaitTrue(() -> scalar("count(up{job=~\"floatwatch-.*\"} == 1)") == 3.0, STEP, "prometheus to scrape the three roles");

        // 1. The analyzer's stream thread dies.
        killThread(t -> t.getName().contains("chaos-analyzer") && t.getName().contains("StreamThread"));
        awaitTrue(() -> failedCheck(Role.ANALYZER, "/healthz", "analyzer.streams"), STEP, "analyzer /healthz red");
        awaitFiredAndResolved("FloatwatchNotLive", "check", "analyzer.streams", () -> restart(Role.ANALYZER));

        // 2. The alerter's consume loop stops.
        killThread(t -> t.getName().equals("floatwatch-alerter"));
        awaitTrue(() -> failedCheck(Role.ALERTER, "/healthz", "alerter.consume-loop"), STEP, "alerter /healthz red");
        awaitFiredAndResolved("FloatwatchNotLive", "check", "alerter.consume-loop", () -> restart(Role.ALERTER));

        // 3. The collector is gone (its pod and its probes with it).
        pods.remove(Role.COLLECTOR).stop();
        awaitTrue(() -> status(Role.COLLECTOR, "/healthz") == -1, STEP, "collector probes unreachable");
        awaitFiredAndResolved("FloatwatchRoleDown", "role", "collector", () -> start(Role.COLLECTOR));

        // 4. The broker stops: every role stays alive and reports Kafka unreachable.
        broker.stop();
        for (Role role : Role.all()) {
            awaitTrue(() -> failedCheck(role, "/readyz", "kafka"), STEP, role.label() + " /readyz red on kafka");
            assertThat(status(role, "/healthz")).as("%s stays alive without Kafka", role.label()).isEqualTo(200);
        }
        awaitFiredAndResolved("FloatwatchNotReady", "check", "kafka", broker::startAgain);
        for (Role role : Role.all()) {
            awaitTrue(() -> status(role, "/readyz") == 200, STEP, role.label() + " ready again");
        }
    }

    /** Waits for the alert in Prometheus and at the receiver, heals, and waits for both to see it resolved. */
    private void awaitFiredAndResolved(String alert, String label, String value, Runnable heal) throws Exception {
        String selector = "ALERTS{alertname=\"" + alert + "\",alertstate=\"firing\"," + label + "=\"" + value + "\"}";
        awaitTrue(() -> scalar("count(" + selector + ")") >= 1, STEP, alert + " firing in prometheus");
        awaitTrue(() -> received(alert, label, value, "firing"), STEP, alert + " reaching the receiver through alertmanager");
        heal.run();
        awaitTrue(() -> Double.isNaN(scalar("count(" + selector + ")")), STEP, alert + " resolved in prometheus");
        awaitTrue(() -> received(alert, label, value, "resolved"), STEP, alert + " resolved at the receiver");
    }

    private boolean received(String alert, String label, String value, String status) {
        return received.stream().flatMap(n -> java.util.stream.StreamSupport.stream(n.path("alerts").spliterator(), false))
                .anyMatch(a -> status.equals(a.path("status").asText()) && alert.equals(a.at("/labels/alertname").asText())
                        && value.equals(a.at("/labels/" + label).asText()));
    }

    private void startFloatwatch() throws IOException {
        broker = RestartableKafkaBroker.start();
        aws = AwsSimulator.start();
        OpenZfsFailoverScenario.installBaseline(aws.region(OpenZfsFailoverScenario.REGION));
        TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
        Duration poll = Duration.ofSeconds(1);
        config = new RuntimeConfig(broker.bootstrapServers(), Map.of(),
                List.of(new RuntimeConfig.Account(aws.accountId(), null, null, List.of(OpenZfsFailoverScenario.REGION))),
                Map.of("ec2", Map.of("*", aws.endpoint()), "fsx", Map.of("*", aws.endpoint()),
                        "cloudwatch", Map.of("*", aws.endpoint()), "sts", Map.of("*", aws.endpoint())),
                CollectorOptions.defaults().withInterval(RouteTableSource.NAME, poll)
                        .withInterval(FileSystemSource.NAME, poll.multipliedBy(2)),
                new AnalyzerOptions("chaos-analyzer", Files.createDirectories(dir.resolve("state")), Duration.ofMinutes(15)),
                new AlerterOptions("chaos-alerter"), "127.0.0.1", 0, List.of());
        for (Role role : List.of(Role.ALERTER, Role.ANALYZER, Role.COLLECTOR)) {
            ports.put(role, freePort());
            start(role);
        }
    }

    private void start(Role role) {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Pipeline pipeline = Pipeline.start(config, EnumSet.of(role), Clock.systemUTC(), registry, n -> { },
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCHAOS0FLOATWATCH0", "chaos-secret")));
        Health health = new Health().exportTo(registry).addAll(pipeline.health());
        pods.put(role, new Pod(pipeline, OpsHttpServer.start("127.0.0.1", ports.get(role), registry, health)));
    }

    private void restart(Role role) {
        Pod pod = pods.remove(role);
        if (pod != null) {
            pod.stop();
        }
        start(role);
    }

    /**
     * Kills a thread the way a fatal error would: {@link Thread#stop} raises ThreadDeath inside it, which
     * nothing in floatwatch catches. (Deprecated, and still working on Java 17; this test uses it for
     * nothing else.)
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void killThread(java.util.function.Predicate<Thread> which) {
        List<Thread> victims = Thread.getAllStackTraces().keySet().stream().filter(which).toList();
        assertThat(victims).as("the thread to kill").isNotEmpty();
        victims.forEach(Thread::stop);
    }

    private void startAlertmanagerAndPrometheus(Path prometheusBin, Path alertmanagerBin) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/am", ex -> {
            try (ex) {
                received.add(JSON.readTree(ex.getRequestBody()));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        int amPort = freePort();
        Path amConfig = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: test
                  group_by: [alertname, check, role]
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
        awaitTrue(() -> ok("http://127.0.0.1:" + amPort + "/-/ready"), Duration.ofSeconds(30), "alertmanager ready");

        int promPort = freePort();
        prometheus = "http://127.0.0.1:" + promPort;
        StringBuilder jobs = new StringBuilder();
        for (Role role : Role.all()) {
            jobs.append("""
                      - job_name: floatwatch-%s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(role.label(), ports.get(role)));
        }
        Path promConfig = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                %s""".formatted(scaledRules(), amPort, jobs));
        start(dir.resolve("prometheus.log"), prometheusBin.toString(), "--config.file=" + promConfig,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-data")),
                "--web.listen-address=127.0.0.1:" + promPort);
        awaitTrue(() -> ok(prometheus + "/-/ready"), Duration.ofSeconds(30), "prometheus ready");
    }

    /** The shipped rules with every {@code for:} in seconds instead of minutes: the same rules, 60 times faster. */
    private Path scaledRules() throws IOException {
        String rules = Files.readString(DeployArtifactsTest.RULES);
        Matcher m = Pattern.compile("(\\bfor: )(\\d+)m\\b").matcher(rules);
        return Files.writeString(dir.resolve("floatwatch-rules.yaml"), m.replaceAll("$1$2s"));
    }

    @AfterEach
    void stop() {
        pods.values().forEach(Pod::stop);
        processes.forEach(p -> {
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
        if (aws != null) {
            aws.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** -1 when nothing answers. */
    private int status(Role role, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(role) + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean failedCheck(Role role, String path, String check) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(role) + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 503) {
                return false;
            }
            for (JsonNode failed : JSON.readTree(r.body()).path("failed")) {
                if (check.equals(failed.asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private double scalar(String query) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode results = JSON.readTree(r.body()).path("data").path("result");
            return results.isEmpty() ? Double.NaN : Double.parseDouble(results.get(0).path("value").get(1).asText());
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
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

    private void start(Path log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; prometheus and alertmanager logs in " + dir + "; received: " + received);
            }
            Thread.sleep(250);
        }
    }
}
