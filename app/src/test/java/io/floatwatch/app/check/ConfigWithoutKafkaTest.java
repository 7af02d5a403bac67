package io.floatwatch.app.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.app.config.ConfigException;
import io.floatwatch.app.config.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config a check reads: the roles' loader and validation, with the kafka section optional. */
class ConfigWithoutKafkaTest {

    private static final String ACCOUNTS = """
            aws:
              accounts:
                - id: "123456789012"
                  regions: [ap-northeast-1]
            """;

    @Test
    void shouldReadAConfigWithoutKafkaSection(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("floatwatch.yaml"), ACCOUNTS);
        RuntimeConfig config = ConfigWithoutKafka.load(file);
        assertThat(config.accounts()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("123456789012"));
    }

    @Test
    void shouldReadTheKafkaSectionAsTheRolesDoWhenThereIsOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("floatwatch.yaml"), "kafka:\n  bootstrapServers: \"b1:9092\"\n" + ACCOUNTS);
        assertThat(ConfigWithoutKafka.load(file).bootstrapServers()).isEqualTo("b1:9092");
    }

    @Test
    void shouldNameTheFieldOfEveryOtherProblem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("floatwatch.yaml"), ACCOUNTS.replace("ap-northeast-1", "us-east-9"));
        assertThatThrownBy(() -> ConfigWithoutKafka.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.accounts[0].regions[0]").hasMessageContaining("us-east-9")
                .hasMessageNotContaining("kafka");
    }

    @Test
    void shouldReportADuplicateKeyRatherThanDropIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("floatwatch.yaml"), ACCOUNTS + "aws:\n  accounts: []\n");
        assertThatThrownBy(() -> ConfigWithoutKafka.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws");
    }
}
