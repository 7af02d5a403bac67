package io.floatwatch.app;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimulatedRegion;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path as an operator runs it: {@code floatwatch all -c floatwatch.yaml} in its own
 * JVM, the real clock, a YAML file, the default AWS credential chain (from the environment), and
 * SIGTERM to stop. Only AWS (the simulator) and Kafka (embedded) are stand-ins.
 */
class RunAllFromConfigIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldServeRouteTargetsAndFollowAFailoverWhenRunAsAllFromAConfigFile(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start()) {
            SimulatedRegion region = aws.region(OpenZfsFailoverScenario.REGION);
            OpenZfsFailoverScenario.installBaseline(region);
            int port = freePort();
            Path config = dir.resolve("floatwatch.yaml");
            Files.writeString(config, """
                    kafka:
                      bootstrapServers: "%s"
                    aws:
                      accounts:
                        - id: "%s"
                          regions: [%s]
                      endpoints:
                        ec2: {"*": "%s"}
                        fsx: {"*": "%s"}
                    collector:
                      routeTablesInterval: 1s
                      fileSystemsInterval: 1s
                    analyzer:
                      stateDir: "%s"
                    http:
                      host: 127.0.0.1
                      port: %d
                    """.formatted(broker.bootstrapServers(), aws.accountId(), OpenZfsFailoverScenario.REGION,
                    aws.endpoint(), aws.endpoint(), dir.resolve("state"), port));

            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Floatwatch.class.getName(),
                    "all", "-c", config.toString(), "--create-topics", "--partitions", "3", "--replicas", "1")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("floatwatch.log").toFile());
            // The default credential chain reads these; nobody's real keys are signed into requests.
            pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST0FLOATWATCH0");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
            pb.environment().remove("AWS_PROFILE");
            Process floatwatch = pb.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                awaitBody(base.resolve("/readyz"), body -> body.startsWith("{\"status\":\"ok\""), dir);
                String before = awaitBody(base.resolve("/metrics"),
                        m -> m.contains("floatwatch_fsx_active_role{") && m.contains("role=\"preferred\"} 1.0"), dir);
                assertThat(before).contains("floatwatch_build_info{").contains("floatwatch_aws_requests_total{");

                region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
                String after = awaitBody(base.resolve("/metrics"),
                        m -> m.contains("role=\"standby\"} 1.0") && m.contains("floatwatch_fsx_failovers_total{"), dir);
                assertThat(after).containsPattern("floatwatch_fsx_failovers_total\\{[^}]*} 1\\.0");
                assertThat(get(base.resolve("/healthz"))).startsWith("{\"status\":\"ok\"").contains("\"failed\":[]");
            } finally {
                floatwatch.destroy(); // SIGTERM: the shutdown hook stops the roles in order
                boolean exited = floatwatch.waitFor(60, TimeUnit.SECONDS);
                String log = Files.readString(dir.resolve("floatwatch.log"));
                assertThat(exited).as("exits on SIGTERM; log:\n" + log).isTrue();
                assertThat(log).contains("collector stopped", "analyzer stopped", "alerter stopped");
                assertThat(log).doesNotContain("AKIDTEST0FLOATWATCH0").doesNotContain("test-secret");
            }
        }
    }

    private String awaitBody(URI uri, Predicate<String> ok, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = get(uri);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // the process is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting on " + uri + "; last body:\n" + last + "\nlog:\n"
                + Files.readString(dir.resolve("floatwatch.log")));
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
