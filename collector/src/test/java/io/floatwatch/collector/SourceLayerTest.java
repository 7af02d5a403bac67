package io.floatwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The collector's layers, top to bottom: the top package (settings, registry, scheduler), the source packages (ec2/,
 * fsx/, vpn/, ...), the source contract (source/) and aws/. A source package may use the contract, aws/, the model and
 * another source package it reads from (CloudWatch asks for the tunnels the VPN poll saw), never the top package: its
 * settings reach it as plain values through SourceRegistry's factories. The contract uses only aws/ and the model. So no
 * package of the collector depends on one above it, and no cycle can come back.
 *
 * <p>Dependencies are read as every {@code io.floatwatch...} package a file names, in an import or written out in full.
 */
class SourceLayerTest {

    private static final Path ROOT = Path.of("src/main/java/io/floatwatch/collector");
    private static final String TOP = "io.floatwatch.collector";
    private static final String CONTRACT = TOP + ".source";
    private static final String AWS = TOP + ".aws";
    private static final String MODEL = "io.floatwatch.model";
    /**
     * The sub-packages that are not sources: the contract, the AWS plumbing, the publisher the scheduler feeds, and the
     * group of replicas, the layer above the scheduler (it starts and stops a collector's scopes).
     */
    private static final Set<String> NOT_SOURCES = Set.of("source", "aws", "publish", "group");
    /** A package name followed by a type name: what a reference to another package looks like. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.floatwatch(\\.[a-z][a-z0-9]*)+(?=\\.[A-Z])");

    @Test
    void shouldKeepTheSourcePackagesToTheContractAwsTheModelAndEachOther() {
        List<String> sources = sourcePackages();
        assertThat(sources).as("source packages found").contains("ec2", "fsx", "vpn", "tgw", "cloudwatch", "firewall");
        Predicate<String> allowed = p -> p.equals(CONTRACT) || p.equals(AWS) || isModel(p)
                || sources.stream().anyMatch(s -> p.equals(TOP + "." + s)) || !p.startsWith("io.floatwatch.");

        List<String> refs = sources.stream().flatMap(s -> references(ROOT.resolve(s))).toList();

        assertThat(refs).as("the scan sees the contract (else it reads nothing)").anyMatch(r -> r.startsWith(CONTRACT + " "));
        assertThat(refs).as("references of a source package outside the contract, aws/, the model and other sources")
                .filteredOn(r -> !allowed.test(r.substring(0, r.indexOf(' ')))).isEmpty();
    }

    @Test
    void shouldKeepTheContractToAwsAndTheModel() {
        List<String> refs = references(ROOT.resolve("source")).toList();

        assertThat(refs).as("the scan sees the model (else it reads nothing)").anyMatch(r -> r.startsWith(MODEL));
        assertThat(refs).as("references of the source contract other than aws/ and the model")
                .filteredOn(r -> {
                    String p = r.substring(0, r.indexOf(' '));
                    return !(p.equals(AWS) || p.equals(CONTRACT) || isModel(p));
                }).isEmpty();
    }

    private static boolean isModel(String p) {
        return p.equals(MODEL) || p.startsWith(MODEL + ".");
    }

    private static List<String> sourcePackages() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(n -> !NOT_SOURCES.contains(n))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each floatwatch package named in the package's files, as {@code package (dir/File.java)}. */
    private static Stream<String> references(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList().stream().flatMap(SourceLayerTest::referencesIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> referencesIn(Path file) {
        try {
            String where = " (" + file.getParent().getFileName() + "/" + file.getFileName() + ")";
            return Files.readAllLines(file).stream().filter(l -> !l.startsWith("package ")).flatMap(line -> {
                Matcher m = REFERENCE.matcher(line);
                Stream.Builder<String> found = Stream.builder();
                while (m.find()) {
                    found.add(m.group() + where);
                }
                return found.build();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
