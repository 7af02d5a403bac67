package io.floatwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source packages (ec2/, fsx/, vpn/, ...) sit between the collector above them and aws/ below: of the collector's top
 * package they may use only the contract every source implements (Source, Sources, Sightings, PollAbandoned), never
 * its settings, registry or scheduler, which are given to them as plain values by SourceRegistry's factories. That
 * contract living in the top package is the one cycle left (top -> ec2 -> top); it cannot grow past it. group/ is not a
 * source package but the layer above the collector (it starts and stops a collector's scopes), so it is left out.
 */
class SourceLayerTest {

    private static final Path ROOT = Path.of("src/main/java/io/floatwatch/collector");
    private static final Set<String> NOT_SOURCES = Set.of("aws", "group");
    private static final Set<String> CONTRACT = Set.of("Source", "Sources", "Sightings", "PollAbandoned");

    @Test
    void shouldImportOnlyTheSourceContractOfTheTopPackageWhenInASourcePackage() throws IOException {
        List<String> upward;
        try (Stream<Path> packages = Files.list(ROOT)) {
            upward = packages.filter(Files::isDirectory).filter(p -> !NOT_SOURCES.contains(p.getFileName().toString()))
                    .flatMap(SourceLayerTest::javaFiles).flatMap(SourceLayerTest::topImports)
                    .filter(i -> !CONTRACT.contains(i.substring(0, i.indexOf(' ')))).toList();
        }
        assertThat(upward).as("imports of the collector's top package other than the source contract").isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.list(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Simple names imported from io.floatwatch.collector itself, each with its file. */
    private static Stream<String> topImports(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.startsWith("import "))
                    .map(l -> l.replace("import static ", "").replace("import ", "").replace(";", "").trim())
                    .filter(i -> i.matches("io\\.floatwatch\\.collector\\.[A-Z][A-Za-z0-9]*(\\..*)?"))
                    .map(i -> i.substring("io.floatwatch.collector.".length()).replaceAll("\\..*", "")
                            + " (" + file.getParent().getFileName() + "/" + file.getFileName() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
