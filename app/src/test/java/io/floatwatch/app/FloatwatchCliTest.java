package io.floatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FloatwatchCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Floatwatch.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldExitTwoAndNameTheFieldWhenCheckConfigReadsABadFile() {
        int code = run("check-config", "-c", "src/test/resources/config/bad-region.bad.yaml");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("aws.accounts[1].regions[0]: 'us-east-9' is not a known region");
    }

    @Test
    void shouldExitTwoWhenARoleIsStartedWithABadConfig() {
        int code = run("collector", "-c", "src/test/resources/config/unknown-field.bad.yaml");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("kafka.bootstrapServer: unknown field");
    }

    @Test
    void shouldPrintTheEffectiveConfigWithDefaultsWhenTheFileIsValid() {
        int code = run("check-config", "-c", "../deploy/examples/floatwatch.yaml");
        assertThat(code).isEqualTo(0);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("is valid").contains("stallDeadline: \"PT15M\"").contains("jitter: 0.1")
                .contains("fs-0123456789abcdef0");
    }

    @Test
    void shouldListEveryRoleButNoDemoInTheProductionHelp() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("collector", "analyzer", "alerter", "all", "check-config")
                .containsPattern("(?m)^  check +Poll every AWS source once")
                .doesNotContain("demo");
    }

    @Test
    void shouldExitOneAndSayWhichArtifactHasTheBrokerWhenTheProductionJarIsAskedForAnEmbeddedKafka(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        int code = run("all", "-c", "src/test/resources/config/missing-bootstrap.bad.yaml", "--embedded-kafka", dir.toString());
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(1);
        assertThat(err.toString()).contains("--embedded-kafka: this artifact carries no Kafka broker")
                .contains("floatwatch-standalone.jar").doesNotContain("Exception");
    }

    @Test
    void shouldCheckAConfigWithoutKafkaWhenItIsForTheEmbeddedBroker() {
        String file = "src/test/resources/config/missing-bootstrap.bad.yaml";
        assertThat(run("check-config", "-c", file)).isEqualTo(2);
        assertThat(run("check-config", "-c", file, "--embedded-kafka", "/nonexistent/floatwatch")).isEqualTo(0);
        assertThat(out.toString()).contains("is valid");
    }

    @Test
    void shouldOfferTheEmbeddedKafkaToAllOnlyWhenARoleRunsAlone() {
        assertThat(run("collector", "-c", "x.yaml", "--embedded-kafka", "/tmp/x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--embedded-kafka'");
    }

    @Test
    void shouldAskForTheConfigWhenItIsMissing() {
        assertThat(run("analyzer")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void shouldExitOneWithTheSettingAndNoStackTraceWhenTheHttpPortIsTaken(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("floatwatch.yaml"), """
                    kafka:
                      bootstrapServers: "127.0.0.1:9"
                    aws:
                      accounts:
                        - id: "123456789012"
                          regions: [ap-northeast-1]
                    http:
                      host: 127.0.0.1
                      port: %d
                    """.formatted(taken.getLocalPort()));

            assertThat(run("alerter", "-c", config.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("floatwatch: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (http.host/http.port)").doesNotContain("\tat ");
        }
    }
}
