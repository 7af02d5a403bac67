package io.floatwatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.testkit.tools.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy artifacts as code, without external tools: the Grafana dashboard lint, the chart's
 * config through the real loader, the chart's topics and rules against their sources, and promtool
 * on the rules where it is installed. {@link HelmChartTest} renders the chart with a real helm.
 */
class DeployArtifactsTest {

    static final Path DEPLOY = Path.of("../deploy");
    static final Path DASHBOARDS = DEPLOY.resolve("grafana");
    static final Path CHART = DEPLOY.resolve("helm/floatwatch");
    static final Path RULES = DEPLOY.resolve("prometheus/floatwatch-rules.yaml");

    @Test
    void shouldHaveUniquePanelIdsAndOnlyTheDatasourceVariableWhenLintingDashboards() throws IOException {
        List<Path> files = dashboards();
        assertThat(files).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = new ObjectMapper().readTree(file.toFile());
            assertThat(d.path("uid").asText()).as(file + " uid").matches("floatwatch-[a-z0-9-]+");
            assertThat(uids.add(d.path("uid").asText())).as(file + " uid is unique").isTrue();
            assertThat(d.at("/templating/list").findValuesAsText("name")).as(file + " variables").contains("datasource");
            Set<Integer> ids = new HashSet<>();
            List<JsonNode> panels = new ArrayList<>();
            d.path("panels").forEach(panels::add);
            for (JsonNode panel : panels) {
                assertThat(ids.add(panel.path("id").asInt())).as(file + " panel id " + panel.path("id")).isTrue();
                if (!"row".equals(panel.path("type").asText())) {
                    assertThat(panel.at("/datasource/uid").asText()).as(file + " panel " + panel.path("title"))
                            .isEqualTo("${datasource}");
                    panel.path("targets").forEach(t -> assertThat(t.at("/datasource/uid").asText())
                            .as(file + " target of " + panel.path("title")).isEqualTo("${datasource}"));
                }
            }
            assertThat(panels).as(file + ": the failover timeline").anySatisfy(p -> {
                assertThat(p.path("type").asText()).isEqualTo("state-timeline");
                assertThat(p.at("/targets/0/expr").asText()).contains("floatwatch_fsx_route_target")
                        .contains("route_table_id");
            });
        }
    }

    @Test
    void shouldNarrowEveryPanelByAccountRegionAndFileSystemWhereItsMetricCarriesThem() throws IOException {
        for (Path file : dashboards()) {
            JsonNode d = new ObjectMapper().readTree(file.toFile());
            assertThat(d.at("/templating/list").findValuesAsText("name")).as(file + " variables")
                    .containsExactly("datasource", "account", "region", "fs_id");
            for (JsonNode panel : d.path("panels")) {
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                String title = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    if (expr.contains("floatwatch_fsx_") || expr.contains("floatwatch_failover_client_outage")) {
                        assertThat(expr).as(title).contains("account=~\"$account\"", "region=~\"$region\"", "fs_id=~\"$fs_id\"");
                    } else if (expr.matches("(?s).*floatwatch_(findings_active|poll_age_seconds|poll_errors_total|aws_ratelimit|analyzer_event_time_lag).*")) {
                        assertThat(expr).as(title).contains("account=~\"$account\"", "region=~\"$region\"");
                    } else {
                        // Self-metrics without account and region labels say so, instead of silently ignoring the variables.
                        assertThat(panel.path("description").asText()).as(title + ": " + expr).contains("Process-wide");
                    }
                }
            }
        }
    }

    @Test
    void shouldQueryWhatAPanelShowsAsNowAsAnInstantQuery() throws IOException {
        for (Path file : dashboards()) {
            for (JsonNode panel : new ObjectMapper().readTree(file.toFile()).path("panels")) {
                String type = panel.path("type").asText();
                if (!type.equals("stat") && !type.equals("table")) {
                    continue;
                }
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("instant").asBoolean()).as(panel.path("title").asText()).isTrue();
                    assertThat(target.path("range").asBoolean(true)).as(panel.path("title").asText()).isFalse();
                    if (type.equals("table")) {
                        assertThat(target.path("format").asText()).as(panel.path("title").asText()).isEqualTo("table");
                    }
                }
            }
        }
    }

    @Test
    void shouldAnnotateFailoversAndShowPollAgeWhenReadingTheDashboard() throws IOException {
        JsonNode d = new ObjectMapper().readTree(DASHBOARDS.resolve("floatwatch-failover.json").toFile());
        List<String> annotations = d.at("/annotations/list").findValuesAsText("expr");
        // One annotation per event the analyzer emits about a failover, read from the metric that event drives.
        assertThat(annotations).hasSize(3).allSatisfy(e -> assertThat(e).contains("fs_id=~\"$fs_id\"", "account=~\"$account\""));
        assertThat(String.join(" ", annotations)).contains("floatwatch_fsx_failovers_total",
                "floatwatch_fsx_last_failover_convergence_seconds", "floatwatch_fsx_last_failed_over_seconds");
        d.at("/annotations/list").forEach(a -> assertThat(a.at("/datasource/uid").asText()).isEqualTo("${datasource}"));
        assertThat(d.path("panels").findValuesAsText("expr")).anySatisfy(e -> assertThat(e).contains("floatwatch_poll_age_seconds"));
    }

    @Test
    void shouldValidateTheChartsMinimalConfigWithTheRealLoaderAndDefaultNoConfig(@TempDir Path dir) throws IOException {
        JsonNode values = new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile());
        JsonNode minimal = new YAMLMapper().readTree(CHART.resolve("ci/minimal-values.yaml").toFile());
        Path config = dir.resolve("floatwatch.yaml");
        new YAMLMapper().writeValue(config.toFile(), minimal.get("config"));

        RuntimeConfig c = ConfigLoader.load(config);

        // values.yaml holds no config at all: Helm merges maps, so any default there (a sink, a Kafka
        // address, an account) would land in every user's config.
        assertThat(values.path("config").isObject() && values.path("config").isEmpty()).as("values.yaml config is {}").isTrue();
        assertThat(c.alerter().sinks().alertmanager()).isNull();
        assertThat(values.at("/roles").fieldNames()).toIterable().containsExactlyInAnyOrder("collector", "analyzer", "alerter");
        values.get("roles").forEach(role -> assertThat(role.at("/resources/limits/memory").asText()).isNotEmpty());
    }

    @Test
    void shouldKeepTheChartTopicsAndRulesInStepWithTheirSources() throws IOException {
        String topics = Files.readString(CHART.resolve("templates/kafkatopics.yaml"));
        String script = Files.readString(DEPLOY.resolve("kafka/create-topics.sh"));
        for (String topic : List.of("floatwatch.observations", "floatwatch.findings", "floatwatch.events",
                "floatwatch.dead-letter")) {
            assertThat(topics).as("KafkaTopic for " + topic).contains("\"" + topic + "\"");
            assertThat(script).as("script creates " + topic).contains(topic);
        }
        // Group mode's coordination topic, made by both when asked (SCOPES; config.collector.group).
        assertThat(topics).as("KafkaTopic for the coordination topic").contains("\"floatwatch.collector-scopes\"");
        assertThat(script).as("script creates the coordination topic").contains("floatwatch.collector-scopes");
        // The PrometheusRule reads deploy/prometheus's rules through a link, so there is one copy of them.
        Path link = CHART.resolve("files/floatwatch-rules.yaml");
        assertThat(Files.isSymbolicLink(link)).as(link + " is a link").isTrue();
        assertThat(link.toRealPath()).isEqualTo(RULES.toRealPath());
        try (var files = Files.list(CHART.resolve("templates"))) {
            for (Path t : files.toList()) {
                String text = Files.readString(t);
                assertThat(count(text, "{{")).as(t + " balanced template actions").isEqualTo(count(text, "}}"));
            }
        }
    }

    @Test
    void shouldPassPromtoolWhenItIsInstalled() throws Exception {
        assumeTrue(Executables.which("promtool") != null, "promtool not on PATH: install the Debian package prometheus");
        assertThat(run("promtool", "check", "rules", RULES.toAbsolutePath().toString())).isEqualTo(0);
        assertThat(run("promtool", "test", "rules", "tests/floatwatch-rules.test.yaml")).isEqualTo(0);
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(DEPLOY.resolve("prometheus").toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }

    static List<Path> dashboards() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String template(String name) throws IOException {
        return Files.readString(CHART.resolve("templates").resolve(name));
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }
}
