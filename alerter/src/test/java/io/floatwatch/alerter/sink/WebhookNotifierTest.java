package io.floatwatch.alerter.sink;

import static io.floatwatch.alerter.metrics.Records.FS;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingHttpServer server;

    WebhookNotifierTest() throws IOException {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPostVersionedJsonWithEveryLabelWhenAFindingFires(@TempDir Path dir) throws Exception {
        Path urlFile = Files.writeString(dir.resolve("url"), server.url() + "/hook/s3cr3t\n");
        WebhookNotifier hook = new WebhookNotifier("ops", WebhookNotifier.Format.JSON, Secret.fromFile(urlFile)::value,
                Secret.fromEnv("HOOK_TOKEN", Map.of("HOOK_TOKEN", "tok"))::value, Duration.ofSeconds(2));
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");

        hook.send(new FindingNotification(FindingNotification.Kind.FIRING, f));

        RecordingHttpServer.Request request = server.requests.get(0);
        assertThat(request.path()).isEqualTo("/hook/s3cr3t");
        assertThat(request.authorization()).isEqualTo("Bearer tok");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("version").asInt()).isEqualTo(WebhookNotifier.JSON_VERSION);
        assertThat(body.get("kind").asText()).isEqualTo("firing");
        assertThat(body.get("alertname").asText()).isEqualTo("FsxFailedOver");
        assertThat(body.get("severity").asText()).isEqualTo("warning");
        assertThat(body.at("/labels/fs_id").asText()).isEqualTo(FS);
        assertThat(body.get("startsAt").asText()).isEqualTo(T0.toString());
        assertThat(body.at("/evidence/route_table_ids").asText()).isEqualTo("rtb-1,rtb-2");
        assertThat(body.get("text").asText()).startsWith("FIRING  warning FsxFailedOver " + FS);
    }

    @Test
    void shouldPostOnlyTextWhenTheFormatIsSlack() throws Exception {
        WebhookNotifier slack = new WebhookNotifier("chat", WebhookNotifier.Format.SLACK, server::url, null,
                Duration.ofSeconds(2));

        slack.send(new EventNotification(event(EventType.FAILOVER_CONVERGED, T0, 58_000L, "converged")));

        JsonNode body = JSON.readTree(server.requests.get(0).body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").asText()).startsWith(":information_source: EVENT   FailoverConverged " + FS)
                .contains("in 58s");
        assertThat(server.requests.get(0).authorization()).isNull();
    }

    @Test
    void shouldNameTheVariableNotItsValueWhenTheSecretIsMissing() {
        Secret missing = Secret.fromEnv("FLOATWATCH_TEST_UNSET", Map.of());
        WebhookNotifier hook = new WebhookNotifier("ops", WebhookNotifier.Format.JSON, missing::value, null,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> hook.send(new FindingNotification(FindingNotification.Kind.FIRING,
                firing(FindingType.DATA_STALE, T0, "stale")))).hasMessageContaining("FLOATWATCH_TEST_UNSET");
        assertThat(missing.toString()).isEqualTo("secret from environment variable FLOATWATCH_TEST_UNSET");
    }

    @Test
    void shouldFailWithoutTheUrlWhenTheWebhookIsDown() throws Exception {
        String url = server.url() + "/hook/s3cr3t";
        server.close();
        WebhookNotifier hook = new WebhookNotifier("ops", WebhookNotifier.Format.JSON, () -> url, null,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> hook.send(new FindingNotification(FindingNotification.Kind.FIRING,
                firing(FindingType.DATA_STALE, T0, "stale")))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("ops: ").hasMessageNotContaining("s3cr3t");
    }
}
