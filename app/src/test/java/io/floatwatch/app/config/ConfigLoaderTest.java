package io.floatwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/config");

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("unknown-field.bad.yaml", "kafka.bootstrapServer: unknown field 'bootstrapServer' (expected one of: bootstrapServers, properties)"),
                Arguments.of("bad-region.bad.yaml", "aws.accounts[1].regions[0]: 'us-east-9' is not a known region (expected one of "),
                Arguments.of("bad-cidr.bad.yaml", "clients[0].cidr: '192.168.0.0/33' is not an IPv4 CIDR: prefix '33' is not 0-32"),
                Arguments.of("host-bits-cidr.bad.yaml", "clients[0].cidr: '10.0.1.5/24' is not an IPv4 CIDR: host bits are set (did you mean 10.0.1.0/24?)"),
                Arguments.of("missing-bootstrap.bad.yaml", "kafka.bootstrapServers: required"),
                Arguments.of("duplicate-key.bad.yaml", "Duplicate field 'bootstrapServers'"),
                Arguments.of("wrong-type.bad.yaml", "aws.accounts[0].regions: expected a list"),
                Arguments.of("bad-duration.bad.yaml", "collector.routeTablesInterval: 'soon' is not a duration"),
                Arguments.of("unknown-source-interval.bad.yaml", "collector.intervals.ec2.route-table: unknown source (expected one of ["),
                Arguments.of("urgent-slower-than-steady.bad.yaml", "collector.routeTablesUrgentInterval: '10s' is longer than collector.routeTablesInterval (5s)"),
                Arguments.of("ec2-rate-too-high.bad.yaml", "collector.ec2CallsPerSecond: 25.0 is not above 0 and at most 20"),
                Arguments.of("telemetry-grace-too-short.bad.yaml", "analyzer.telemetryGrace: 2m is below the minimum of 5m"),
                Arguments.of("bad-file-system-id.bad.yaml", "clients[0].fileSystemIds[1]: 'fsvol-0123456789abcdef0' is not a file system id (expected fs- and 8 or 17 hex digits"),
                Arguments.of("bad-endpoint-kind.bad.yaml", "clients[0].endpoints[1]: 'fcp' is not an endpoint kind (expected one of management, nfs, smb, iscsi, nvme, intercluster)"),
                Arguments.of("bad-retry-mode.bad.yaml", "collector.retry.mode: 'legacy' is not a retry mode (expected standard or adaptive)"),
                Arguments.of("collector-group-without-id.bad.yaml", "collector.group.id: missing (letters, digits, '.', '_' and '-'; the replicas of one deployment share it; leave out collector.group to poll every scope in this one collector)"),
                Arguments.of("collector-group-without-id.bad.yaml", "collector.group.sessionTimeout: 2s is below the minimum of 6s"),
                Arguments.of("role-not-assumable.bad.yaml", "aws.accounts[0].roleArn: role 'network-reader' cannot be assumed with the shipped IAM policy"),
                Arguments.of("probe-unknown-client.bad.yaml", "probe.client: 'ap' is not one of clients[].name (app)"),
                Arguments.of("probe-without-file-systems.bad.yaml", "probe.client: clients[] entry 'app' lists no fileSystemIds"),
                Arguments.of("probe-timeout-too-long.bad.yaml", "probe.timeout: 5000 ms must be shorter than probe.interval (2000 ms)"),
                Arguments.of("probe-target-foreign-file-system.bad.yaml", "probe.targets[0].fileSystemId: 'fs-0fffffffffffffff0' is not one of the fileSystemIds of client 'app'"),
                Arguments.of("role-in-other-account.bad.yaml", "aws.accounts[0].roleArn: 'arn:aws:iam::123456789012:role/floatwatch-read' is a role in account 123456789012, but it is listed to read account 210987654321"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void shouldNameTheFieldWhenConfigIsBad(String file, String expected) {
        assertThatThrownBy(() -> ConfigLoader.load(FIXTURES.resolve(file)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p).contains(expected)))
                .hasMessageContaining(file);
    }

    @Test
    void shouldReportEveryProblemAtOnceWhenSeveralFieldsAreBad() {
        assertThatThrownBy(() -> ConfigLoader.load(FIXTURES.resolve("many-problems.bad.yaml")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "kafka.bootstrapServers: required (host:port[,host:port...] of your Kafka brokers,"
                                + " or run `floatwatch all --embedded-kafka DIR` for a broker in the process)",
                        "aws.accounts[0].id: '12345' is not a 12-digit AWS account id",
                        "aws.accounts[0].roleArn: 'not-an-arn' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
                        "aws.accounts[0].regions: required (at least one region, e.g. ap-northeast-1)",
                        "http.port: 70000 is not 0-65535 (0 picks a free port)"));
    }

    @Test
    void shouldAcceptAConfigWithoutKafkaWhenTheCommandLineBringsTheBroker() {
        RuntimeConfig c = ConfigLoader.load(FIXTURES.resolve("missing-bootstrap.bad.yaml"), true);
        assertThat(c.bootstrapServers()).isNull();
        assertThat(c.accounts()).isNotEmpty();
    }

    @Test
    void shouldApplyDefaultsWhenOptionalFieldsAreAbsent() {
        RuntimeConfig c = ConfigLoader.load(FIXTURES.resolve("minimal.good.yaml"));
        assertThat(c.bootstrapServers()).isEqualTo("kafka-0.kafka:9092");
        assertThat(c.accounts()).singleElement().satisfies(a -> assertThat(a.regions()).containsExactly("ap-northeast-1"));
        assertThat(c.collector().routeTablesInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.collector().routeTablesUrgent()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.collector().fileSystemsInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.collector().ec2CallsPerSecond()).isEqualTo(2.0);
        assertThat(c.collector().aws().retryMode()).isEqualTo(AwsClientSettings.RetryMode.STANDARD);
        assertThat(c.collector().aws().maxAttempts()).isEqualTo(5);
        assertThat(c.collector().interval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.analyzer().stallDeadline()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.httpPort()).isEqualTo(9464);
        assertThat(c.endpoint("ec2", "ap-northeast-1")).isNull();
    }

    @Test
    void shouldResolveEndpointOverridesPerRegionWithWildcardFallback() {
        RuntimeConfig c = ConfigLoader.parse("""
                kafka: {bootstrapServers: "127.0.0.1:9092"}
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1, eu-west-1]}]
                  endpoints:
                    ec2: {"*": "http://127.0.0.1:4566", eu-west-1: "https://vpce-1.ec2.eu-west-1.vpce.example"}
                """, "inline");
        assertThat(c.endpoint("ec2", "ap-northeast-1")).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(c.endpoint("ec2", "eu-west-1").getHost()).startsWith("vpce-1");
        assertThat(c.endpoint("fsx", "eu-west-1")).isNull();
    }

    @Test
    void shouldSayFileNotFoundWhenPathIsWrong() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("does-not-exist.yaml")))
                .hasMessageContaining("does-not-exist.yaml").hasMessageContaining("file not found");
    }

    @Test
    void shouldLoadEveryExampleConfigShippedInTheRepository() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("..", "deploy", "examples"))) {
            examples = files.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            assertThat(ConfigLoader.load(example).accounts()).as(example.toString()).isNotEmpty();
        }
    }
}
