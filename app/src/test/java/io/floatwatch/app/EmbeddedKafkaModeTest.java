package io.floatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaModeTest {

    private static final Path DIR = Path.of("/var/lib/floatwatch");

    @Test
    void shouldPointEveryRoleAtTheEmbeddedBrokerAndSayWhatItOverridesWhenTheFileNamesACluster() {
        RuntimeConfig fromFile = ConfigLoader.parse("""
                kafka:
                  bootstrapServers: "kafka-0.kafka:9093"
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: "secret-stuff"
                    ssl.truststore.location: /etc/ts.jks
                    compression.type: zstd
                aws:
                  accounts:
                    - id: "123456789012"
                      regions: [ap-northeast-1]
                analyzer:
                  stateDir: /data/streams
                """, "test.yaml");
        List<String> notes = new ArrayList<>();

        RuntimeConfig c = EmbeddedKafkaMode.adapt(fromFile, "127.0.0.1:9092", DIR, notes);

        assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.kafkaProperties()).containsOnlyKeys("compression.type");
        assertThat(c.analyzer().stateDir()).isEqualTo(DIR.resolve("streams"));
        assertThat(c.accounts()).isEqualTo(fromFile.accounts());
        assertThat(String.join("\n", notes))
                .contains("kafka.bootstrapServers (kafka-0.kafka:9093) is not used")
                .contains("[sasl.jaas.config, security.protocol, ssl.truststore.location] are not used")
                .contains("analyzer.stateDir (/data/streams) is not used")
                .doesNotContain("secret-stuff");
    }

    @Test
    void shouldOverrideNothingOfKafkaWhenTheFileHasNoKafkaSection() {
        RuntimeConfig fromFile = ConfigLoader.load(Path.of("src/test/resources/config/missing-bootstrap.bad.yaml"), true);
        List<String> notes = new ArrayList<>();

        RuntimeConfig c = EmbeddedKafkaMode.adapt(fromFile, "127.0.0.1:40000", DIR, notes);

        assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:40000");
        assertThat(c.kafkaProperties()).isEmpty();
        assertThat(notes).noneMatch(n -> n.startsWith("kafka."));
    }
}
