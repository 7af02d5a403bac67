package io.floatwatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.role.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an on-call person needs from every shipped alert, checked on the file: a summary, a
 * description, a severity and a runbook link to a section that exists in deploy/RUNBOOK.md; and the
 * rules that make the monitor fail closed are there for every role.
 */
class PrometheusRulesTest {

    private static final Path RUNBOOK = DeployArtifactsTest.DEPLOY.resolve("RUNBOOK.md");

    @Test
    void shouldGiveEveryAlertASummaryDescriptionSeverityAndAnExistingRunbookSectionWhenReadingTheRules() throws IOException {
        Set<String> sections = Files.readAllLines(RUNBOOK).stream().filter(l -> l.startsWith("## "))
                .map(l -> l.substring(3).trim().toLowerCase(Locale.ROOT).replace(' ', '-')).collect(Collectors.toSet());
        List<JsonNode> alerts = alerts();
        assertThat(alerts).isNotEmpty();
        for (JsonNode alert : alerts) {
            String name = alert.get("alert").asText();
            JsonNode annotations = alert.path("annotations");
            assertThat(annotations.path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(annotations.path("description").asText()).as("%s description", name).isNotBlank();
            String runbook = annotations.path("runbook_url").asText();
            assertThat(runbook).as("%s runbook_url", name).startsWith("deploy/RUNBOOK.md#");
            assertThat(sections).as("%s runbook section", name).contains(runbook.substring(runbook.indexOf('#') + 1));
            // FloatwatchFinding takes its severity from the finding's own series label.
            boolean severityFromSeries = alert.get("expr").asText().startsWith("floatwatch_findings_active");
            assertThat(alert.path("labels").has("severity") || severityFromSeries).as("%s severity", name).isTrue();
        }
    }

    @Test
    void shouldPageForEveryRoleDownOrAbsentAndShipAWatchdogWhenReadingTheRules() throws IOException {
        List<String> exprs = alerts().stream().map(a -> a.get("expr").asText()).toList();
        for (Role role : Role.all()) {
            assertThat(exprs).as("absent() for the %s", role.label())
                    .anyMatch(e -> e.startsWith("absent(up{") && e.contains(role.label()));
        }
        assertThat(alerts()).as("role down, with for:").anyMatch(a -> a.get("expr").asText().startsWith("floatwatch:up:role == 0")
                && a.has("for"));
        assertThat(exprs).as("a dead man's switch").contains("vector(1)");
        assertThat(exprs).as("poll age against the source's interval")
                .anyMatch(e -> e.contains("floatwatch_poll_age_seconds") && e.contains("floatwatch_poll_interval_seconds"));
    }

    private static List<JsonNode> alerts() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(DeployArtifactsTest.RULES.toFile());
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }
}
