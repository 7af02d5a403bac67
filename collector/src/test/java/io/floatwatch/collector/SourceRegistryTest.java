package io.floatwatch.collector;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.model.observation.PollCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The registry is the one place a source's facts live: these checks make a new source declare them all. */
class SourceRegistryTest {

    @Test
    void shouldDeclareActionsKeyRuleLabelsAndIntervalForEverySource() {
        assertThat(SourceRegistry.names()).doesNotHaveDuplicates();
        assertThat(SourceRegistry.ROWS).allSatisfy(row -> {
            assertThat(row.name()).matches("(ec2|fsx|tgw|vpn|cloudwatch)\\.[a-z-]+");
            assertThat(row.actions()).isNotEmpty().allSatisfy(a -> assertThat(a).matches("(ec2|fsx|cloudwatch):(Describe|Get|Search)[A-Za-z]+"));
            assertThat(row.publishes()).isNotEmpty();
            assertThat(row.keyRule()).startsWith("account/region/");
            assertThat(row.labels()).contains("account", "region").allSatisfy(l -> assertThat(l).matches("[a-z][a-z0-9_]*"));
            assertThat(row.defaultInterval()).isPositive();
        });
    }

    @Test
    void shouldPublishOnlyTheDeclaredObservationsUnderTheDeclaredKeyFromEverySource() {
        try (Estate estate = new Estate(s -> s, TOKYO)) {
            estate.poll();
            List<RecordingSink.Sent> sent = estate.sink.drain();
            // Every source's resources precede its marker: attribute each record to the next marker.
            List<RecordingSink.Sent> pending = new ArrayList<>();
            for (RecordingSink.Sent s : sent) {
                if (s.value() instanceof PollCompleted marker) {
                    SourceRegistry.Row row = SourceRegistry.row(marker.source()).orElseThrow();
                    assertThat(marker.ok()).as(marker.source() + ": " + marker.error()).isTrue();
                    assertThat(pending).as(row.name()).allSatisfy(p -> {
                        assertThat(row.publishes()).as(row.name()).anySatisfy(type -> assertThat(p.value()).isInstanceOf(type));
                        assertThat(p.key().value()).isEqualTo(TOKYO.id() + "/" + p.value().resourceId());
                    });
                    pending.clear();
                } else {
                    pending.add(s);
                }
            }
            assertThat(Estate.markers(sent)).extracting(PollCompleted::source).containsExactlyElementsOf(SourceRegistry.names());
        }
    }

    @Test
    void shouldGrantExactlyTheCalledActionsInTheIamPolicy() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(Files.readString(Path.of("../deploy/iam/floatwatch-read-policy.json")));
        TreeSet<String> granted = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> granted.add(a.asText()));
            } else {
                granted.add(action.asText());
            }
        }
        assertThat(granted).containsExactlyElementsOf(SourceRegistry.actions());
    }
}
