package io.floatwatch.analyzer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules must stay runnable without Kafka, so that tests, replays and the demo judge exactly as
 * production does: the build fails when the core, any of its sub-packages included, imports anything but
 * the JDK and the model.
 */
class PureCoreTest {

    private static final Path CORE_SOURCES = Path.of("src/main/java/io/floatwatch/analyzer/core");

    @Test
    void shouldImportOnlyJavaAndTheModelWhenInTheCoreOrItsSubPackages() {
        assertThat(Scan.of(CORE_SOURCES).offending()).as("imports outside java.* and io.floatwatch.model.*").isEmpty();
    }

    /** The check reads sources; the compiled classes say which packages the core really has. */
    @Test
    void shouldCheckEveryCompiledPackageOfTheCoreWhenItHasSubPackages() throws URISyntaxException {
        Path classes = Path.of(ScopeAnalyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> compiled = packagesOf(classes.resolve("io/floatwatch/analyzer/core"), ".class");

        assertThat(compiled).as("the core is split into sub-packages").hasSizeGreaterThan(1);
        assertThat(Scan.of(CORE_SOURCES).packages()).as("packages whose imports the check read").isEqualTo(compiled);
    }

    @Test
    void shouldReportAForbiddenImportWhenItSitsDeepInASubPackage(@TempDir Path core) throws IOException {
        Path nested = Files.createDirectories(core.resolve("failover/deeper"));
        Files.writeString(core.resolve("Fine.java"), "package x;\nimport java.util.List;\nimport io.floatwatch.model.Scope;\n");
        Files.writeString(nested.resolve("Leaky.java"),
                "package x.failover.deeper;\nimport java.util.List;\nimport org.apache.kafka.streams.KafkaStreams;\n");

        assertThat(Scan.of(core).offending()).containsExactly("org.apache.kafka.streams.KafkaStreams (Leaky.java)");
    }

    /** What the check read under a source root: the packages (relative directories) and the imports it refuses. */
    private record Scan(Set<String> packages, List<String> offending) {

        static Scan of(Path root) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(root)) {
                sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> packages = sources.stream().map(p -> relativeDirectory(root, p)).collect(
                    Collectors.toCollection(TreeSet::new));
            List<String> offending = sources.stream().flatMap(PureCoreTest::imports)
                    .filter(i -> !i.startsWith("java.") && !i.startsWith("io.floatwatch.model.")
                            && !i.startsWith("io.floatwatch.analyzer.core."))
                    .toList();
            return new Scan(packages, offending);
        }
    }

    private static String relativeDirectory(Path root, Path file) {
        return root.relativize(file.getParent()).toString().replace('\\', '/');
    }

    /** The directories under {@code root} (itself included) holding a file ending in {@code suffix}, relative to it. */
    private static Set<String> packagesOf(Path root, String suffix) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix))
                    .map(p -> relativeDirectory(root, p))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
