package io.floatwatch.analyzer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules must stay runnable without Kafka, so that tests, replays and the demo judge exactly as
 * production does: the build fails when the core imports anything but the JDK and the model.
 */
class PureCoreTest {

    @Test
    void shouldImportOnlyJavaAndTheModelWhenInTheCorePackage() throws IOException {
        Path core = Path.of("src/main/java/io/floatwatch/analyzer/core");
        List<String> offending;
        try (Stream<Path> files = Files.list(core)) {
            offending = files.filter(p -> p.toString().endsWith(".java")).flatMap(PureCoreTest::imports)
                    .filter(i -> !i.startsWith("java.") && !i.startsWith("io.floatwatch.model.")
                            && !i.startsWith("io.floatwatch.analyzer.core."))
                    .toList();
        }
        assertThat(offending).as("imports outside java.* and io.floatwatch.model.*").isEmpty();
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.startsWith("import "))
                    .map(l -> l.replace("import static ", "").replace("import ", "").replace(";", "").trim()
                            + " (" + file.getFileName() + ")");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
