package io.floatwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.app.StartupProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLogDirectoryTest {

    @Test
    void shouldKeepTheClusterIdWhenTheDirectoryWasFormattedBefore(@TempDir Path dir) {
        KafkaLogDirectory first = KafkaLogDirectory.formatIfNew(dir.resolve("kafka"));
        KafkaLogDirectory again = KafkaLogDirectory.formatIfNew(dir.resolve("kafka"));

        assertThat(first.formattedNow()).isTrue();
        assertThat(again.formattedNow()).isFalse();
        assertThat(again.clusterId()).isEqualTo(first.clusterId()).isNotBlank();
        assertThat(dir.resolve("kafka").resolve(KafkaLogDirectory.META)).exists();
    }

    @Test
    void shouldRefuseTheDirectoryOfAnotherBrokerWhenItsNodeIsNotFloatwatchs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(KafkaLogDirectory.META), "version=1\ncluster.id=abc\nnode.id=7\n");

        assertThatThrownBy(() -> KafkaLogDirectory.formatIfNew(dir)).isInstanceOf(StartupProblem.class)
                .hasMessageContaining("is not of a floatwatch broker").hasMessageContaining("a directory of its own");
    }
}
