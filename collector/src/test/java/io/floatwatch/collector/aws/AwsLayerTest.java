package io.floatwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AWS client layer sits under the sources and the collector: it may use the model, the SDK and itself, never
 * the collector above it, so a change to the collector's settings or sources cannot ripple into how AWS is called.
 */
class AwsLayerTest {

    @Test
    void shouldImportNothingOfTheCollectorAboveItWhenInTheAwsPackage() throws IOException {
        Path aws = Path.of("src/main/java/io/floatwatch/collector/aws");
        List<String> upward;
        try (Stream<Path> files = Files.list(aws)) {
            upward = files.filter(p -> p.toString().endsWith(".java")).flatMap(AwsLayerTest::imports)
                    .filter(i -> i.startsWith("io.floatwatch.collector.") && !i.startsWith("io.floatwatch.collector.aws."))
                    .toList();
        }
        assertThat(upward).as("imports of the collector from aws/").isEmpty();
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.startsWith("import "))
                    .map(l -> l.replace("import static ", "").replace("import ", "").replace(";", "").trim()
                            + " (" + file.getFileName() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
