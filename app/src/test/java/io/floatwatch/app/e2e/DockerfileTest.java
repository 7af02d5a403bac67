package io.floatwatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image build, read instruction by instruction (no Docker engine is needed): dependencies in a
 * layer only the poms decide, floatwatch's own jars last, JVM flags overridable, a numeric non-root
 * user, and a .dockerignore that keeps build output and VCS data out of the context.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");

    /** One instruction, continuation lines joined; {@code stage} counts FROMs from 0. */
    record Instruction(int stage, String keyword, String args) {
    }

    static List<Instruction> instructions() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int stage = -1;
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String t = line.strip();
            if (current.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.startsWith("#")) {
                continue;
            }
            boolean continued = t.endsWith("\\");
            current.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!continued) {
                String text = current.toString().strip();
                current.setLength(0);
                String keyword = text.split("\\s+", 2)[0].toUpperCase();
                if (keyword.equals("FROM")) {
                    stage++;
                }
                out.add(new Instruction(stage, keyword, text.substring(keyword.length()).strip()));
            }
        }
        return out;
    }

    private static List<Instruction> of(List<Instruction> all, int stage, String keyword) {
        return all.stream().filter(i -> i.stage() == stage && i.keyword().equals(keyword)).toList();
    }

    @Test
    void shouldResolveDependenciesFromThePomsAloneWhenOnlyFloatwatchCodeChanges() throws IOException {
        List<Instruction> all = instructions();
        assertThat(all.get(0).args()).contains("AS deps");
        List<Instruction> copies = of(all, 0, "COPY");
        assertThat(copies).isNotEmpty().allSatisfy(c -> {
            String[] parts = c.args().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                assertThat(parts[i]).as("the dependency stage copies only poms and the wrapper: " + c.args())
                        .matches("(.*/)?pom\\.xml");
            }
        });
        // Every module's pom, or the reactor of the dependency stage would not resolve.
        String poms = copies.stream().map(Instruction::args).reduce("", String::concat);
        for (String module : modules()) {
            assertThat(poms).as("COPY of " + module + "/pom.xml").contains(module + "/pom.xml");
        }
        // The same build as the next stage's, so the next stage finds every artifact it needs cached.
        assertThat(of(all, 0, "RUN")).singleElement().satisfies(r -> assertThat(r.args()).contains("-pl app -am package")
                .isEqualTo(of(all, 1, "RUN").get(0).args().split(" && ")[0].strip()));
    }

    @Test
    void shouldBuildTheProductionArtifactOnlyAndNeverInstallIt() throws IOException {
        List<Instruction> run = of(instructions(), 1, "RUN");
        assertThat(run).singleElement().satisfies(r -> assertThat(r.args()).contains("-pl app -am package").doesNotContain("install")
                .doesNotContain("demo").doesNotContain("standalone"));
    }

    @Test
    void shouldShipThirdPartyJarsBeforeFloatwatchsOwnInTheLastLayer() throws IOException {
        List<Instruction> all = instructions();
        int last = all.get(all.size() - 1).stage();
        List<Instruction> copies = of(all, last, "COPY");
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).args()).contains("/out/deps/").endsWith("lib/");
        assertThat(copies.get(1).args()).contains("/out/floatwatch/");
        String build = of(all, 1, "RUN").get(0).args();
        assertThat(build).as("floatwatch's jars leave the dependency layer").contains("mv /out/deps/floatwatch-*.jar /out/floatwatch/lib/");
        // Nothing after the last COPY may add a layer.
        Instruction lastLayer = all.stream().filter(i -> i.keyword().equals("COPY") || i.keyword().equals("RUN") || i.keyword().equals("ADD"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastLayer).isEqualTo(copies.get(1));
    }

    @Test
    void shouldTakeJvmFlagsFromJavaToolOptionsWithExitOnOutOfMemoryError() throws IOException {
        List<Instruction> all = instructions();
        int last = all.get(all.size() - 1).stage();
        String env = of(all, last, "ENV").stream().map(Instruction::args).reduce("", String::concat);
        assertThat(env).contains("JAVA_TOOL_OPTIONS=\"-XX:+ExitOnOutOfMemoryError").contains("MALLOC_ARENA_MAX=2");
        JsonNode entrypoint = new ObjectMapper().readTree(of(all, last, "ENTRYPOINT").get(0).args());
        List<String> words = new ArrayList<>();
        entrypoint.forEach(w -> words.add(w.asText()));
        // A flag on the command line would win over JAVA_TOOL_OPTIONS and the chart could not change it.
        assertThat(words).containsExactly("java", "-jar", "/opt/floatwatch/floatwatch.jar");
        assertThat(of(all, last, "USER")).singleElement().satisfies(u -> {
            Matcher m = Pattern.compile("(\\d+):(\\d+)").matcher(u.args());
            assertThat(m.matches()).as("numeric user, so runAsNonRoot can check it").isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
        });
    }

    @Test
    void shouldKeepBuildOutputAndVcsDataOutOfTheContext() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "**/target");
        // The build needs every module's sources: none of them may be ignored.
        for (String module : modules()) {
            assertThat(ignored).as(module).doesNotContain(module, module + "/", module + "/src");
        }
    }

    private static List<String> modules() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).contains("app", "demo", "testkit");
        return modules;
    }
}
