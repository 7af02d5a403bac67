package io.floatwatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.config.ConfigException;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of broken config files: each one is either accepted or refused with a ConfigException
 * whose every problem reads {@code path: what is wrong}. Anything else (a NullPointerException, a
 * stack overflow, a Jackson exception leaking out) is what an operator would see as a crash of
 * {@code floatwatch check-config}, and fails this test with the input that caused it.
 */
class ConfigLoaderFuzzTest {

    private static final int INPUTS = 3_000;
    private static final long SEED = 20261123L;

    @Test
    @Timeout(120)
    void shouldAcceptOrExplainEveryInputWhenConfigFilesAreMangled() throws IOException {
        List<String> seeds = seeds();
        Mutator mutator = new Mutator(SEED);
        List<String> crashes = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = mutator.mutate(seeds.get(i % seeds.size()));
            try {
                RuntimeConfig config = ConfigLoader.parse(input, "fuzz-" + i);
                assertThat(config).isNotNull();
                accepted++;
            } catch (ConfigException e) {
                refused++;
                for (String problem : e.problems()) {
                    if (problem.isBlank() || !problem.contains(": ") || problem.contains("java.lang.")) {
                        crashes.add("#" + i + " unclear problem '" + problem + "' for input:\n" + input);
                    }
                }
                if (e.problems().isEmpty()) {
                    crashes.add("#" + i + " refused without a reason:\n" + input);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add("#" + i + " " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
                        + " for input:\n" + clip(input));
            }
        }
        assertThat(crashes).as("%d accepted, %d refused; inputs that crashed the loader (first 5):%n%s", accepted, refused,
                String.join("\n---\n", crashes.subList(0, Math.min(5, crashes.size())))).isEmpty();
        assertThat(refused).as("the mutations do break configs").isGreaterThan(INPUTS / 2);
    }

    private static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        seeds.add(Files.readString(Path.of("src/test/resources/config/minimal.good.yaml")));
        try (var files = Files.list(Path.of("..", "deploy", "examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(p));
            }
        }
        seeds.add("""
                kafka: {bootstrapServers: "127.0.0.1:9092", properties: {security.protocol: SSL}}
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1, eu-west-1]}]
                  endpoints:
                    ec2: {"*": "http://127.0.0.1:4566"}
                collector: {routeTablesInterval: PT30S, fileSystemsInterval: 1m, jitter: 0.2}
                analyzer: {stallDeadline: 15m, applicationId: fw, stateDir: /tmp/fw}
                alerter: {groupId: fw-alerter}
                http: {host: 127.0.0.1, port: 9464}
                clients: [{name: c1, account: "123456789012", region: ap-northeast-1, cidr: 10.1.0.0/16, via: tgw}]
                """);
        return seeds;
    }

    private static String clip(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " chars)" : s;
    }
}
