package io.floatwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class SingleNodeKafkaConfigTest {

    private final Properties p = SingleNodeKafkaConfig.of(Path.of("/var/lib/floatwatch/kafka"), 9092, 40001);

    @Test
    void shouldListenOnLoopbackOnlyWhenConfigured() {
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:40001");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    }

    @Test
    void shouldKeepOneReplicaOfEveryInternalTopicWhenItIsTheOnlyNode() {
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", "/var/lib/floatwatch/kafka");
    }

    @Test
    void shouldBeAConfigKafkaAcceptsWhenParsedByTheBroker() {
        KafkaConfig config = KafkaConfig.fromProps(p);
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.logDirs()).containsExactly("/var/lib/floatwatch/kafka");
        assertThat(config.logRollTimeMillis()).isEqualTo(24L * 3600 * 1000);
    }
}
