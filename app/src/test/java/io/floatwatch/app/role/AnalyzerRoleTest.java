package io.floatwatch.app.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.analyzer.runtime.AnalyzerTopology;
import io.floatwatch.app.config.ConfigException;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** kafka.properties reach the analyzer's Kafka Streams clients, and cannot weaken exactly-once. */
class AnalyzerRoleTest {

    @Test
    void shouldGiveTheAnalyzerTheKafkaPropertiesOfTheConfig() {
        RuntimeConfig config = ConfigLoader.parse("""
                kafka:
                  bootstrapServers: "127.0.0.1:9092"
                  properties:
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                    processing.guarantee: at_least_once
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1]}]
                """, "test.yaml");

        Properties streams = AnalyzerTopology.streamsConfig(AnalyzerRole.settings(config), config.kafkaProperties());

        assertThat(streams).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    }

    @Test
    void shouldJudgeWithTheThresholdsOfTheConfigAndTheRulesOwnDefaultsElsewhere() {
        RuntimeConfig config = ConfigLoader.parse("""
                kafka: {bootstrapServers: "127.0.0.1:9092"}
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1]}]
                analyzer: {telemetryGrace: 25m, flapThreshold: 6}
                """, "test.yaml");

        RulePolicy rules = AnalyzerRole.settings(config).rules();

        assertThat(rules.telemetryGrace()).isEqualTo(Duration.ofMinutes(25));
        assertThat(rules.flapThreshold()).isEqualTo(6);
        assertThat(rules.unplannedGrace()).isEqualTo(RulePolicy.DEFAULT_UNPLANNED_GRACE);
        assertThat(rules.staleAfter()).isEqualTo(RulePolicy.DEFAULT_STALE_AFTER);
    }

    @Test
    void shouldReportAZeroWindowAsAProblemOfItsFieldRatherThanFailToBuildTheRules() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                kafka: {bootstrapServers: "127.0.0.1:9092"}
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1]}]
                analyzer: {failbackOverdue: 0s, probeGrace: 0s, stallDeadline: PT-5M}
                """, "test.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "analyzer.stallDeadline: PT-5M is below the minimum of 1m",
                        "analyzer.failbackOverdue: 0s is below the minimum of 1m",
                        "analyzer.probeGrace: 0s is below the minimum of 1s"));
    }
}
