package io.floatwatch.alerter.sink;

import static io.floatwatch.alerter.metrics.Records.FS;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Severity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerNotifierTest {

    private static final Instant NOW = T0.plusSeconds(600);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingHttpServer server;
    private final AlertmanagerNotifier notifier;

    AlertmanagerNotifierTest() throws IOException {
        server = new RecordingHttpServer();
        // A resend interval far beyond the test, so only explicit resend() calls re-post.
        notifier = new AlertmanagerNotifier(server::url, () -> "t0ken", Duration.ofSeconds(2), Duration.ofHours(1),
                "http://grafana.example/d/floatwatch-failover", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        notifier.close();
        server.close();
    }

    @Test
    void shouldPostAlertWithLabelsAnnotationsAndFutureEndsAtWhenAFindingFires() throws Exception {
        Finding f = firing(FindingType.FSX_FAILOVER_STALLED, T0, "rtb-2 still on the preferred ENI");

        notifier.observe(f.id(), f);
        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, f));

        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).path()).isEqualTo("/api/v2/alerts");
        assertThat(server.requests.get(0).authorization()).isEqualTo("Bearer t0ken");
        JsonNode alert = alerts(0).get(0);
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("FsxFailoverStalled");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/labels/type").asText()).isEqualTo("fsx_failover_stalled");
        assertThat(alert.at("/labels/fs_id").asText()).isEqualTo(FS);
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo("rtb-2 still on the preferred ENI");
        assertThat(alert.at("/annotations/runbook").asText()).isEqualTo(FindingType.FSX_FAILOVER_STALLED.runbook());
        assertThat(alert.get("startsAt").asText()).isEqualTo(T0.toString());
        assertThat(Instant.parse(alert.get("endsAt").asText())).isAfter(NOW.plus(Duration.ofHours(1)));
        assertThat(alert.get("generatorURL").asText()).isEqualTo("http://grafana.example/d/floatwatch-failover");
    }

    @Test
    void shouldSendEndsAtAtTheResolvedTimeWhenAFindingResolves() throws Exception {
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        Finding resolved = f.resolved(T0.plusSeconds(300), "failed back", null);

        notifier.observe(f.id(), f);
        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, f));
        notifier.observe(f.id(), resolved);
        notifier.send(new FindingNotification(FindingNotification.Kind.RESOLVED, resolved));
        notifier.restored();

        JsonNode end = alerts(1).get(0);
        assertThat(end.get("endsAt").asText()).isEqualTo(T0.plusSeconds(300).toString());
        assertThat(end.at("/labels/alertname").asText()).isEqualTo("FsxFailedOver");
        assertThat(server.requests).as("nothing firing is left to re-send").hasSize(2);
    }

    @Test
    void shouldResendReplayedFiringAlertsWithTheirStartOnlyOnceRestored() throws Exception {
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        notifier.reset();
        notifier.observe(f.id(), f);

        notifier.resend();
        assertThat(server.requests).as("no re-send while the replay may still resolve it").isEmpty();

        notifier.restored();
        assertThat(server.requests).hasSize(1);
        assertThat(alerts(0).get(0).get("startsAt").asText()).isEqualTo(T0.toString());
    }

    @Test
    void shouldEndTheOldAlertWhenTheSeverityOfAFiringFindingChanges() throws Exception {
        Finding warning = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        Finding critical = new Finding(warning.id(), warning.type(), Severity.CRITICAL, warning.status(),
                warning.subject(), warning.labels(), warning.startedAt(), null, T0.plusSeconds(60), warning.evidence(),
                "failed over, escalated", warning.runbook());

        notifier.observe(warning.id(), warning);
        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, warning));
        notifier.observe(critical.id(), critical);
        notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, critical));

        List<String> second = new ArrayList<>();
        alerts(1).forEach(a -> second.add(a.at("/labels/severity").asText() + " ends " + a.get("endsAt").asText()));
        assertThat(second).hasSize(2);
        assertThat(second.get(0)).isEqualTo("warning ends " + NOW);
        assertThat(second.get(1)).startsWith("critical ends ");
    }

    @Test
    void shouldFailWithoutNamingTheUrlWhenAlertmanagerRejects() {
        server.status.set(400);
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");

        assertThatThrownBy(() -> notifier.send(new FindingNotification(FindingNotification.Kind.FIRING, f)))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 400")
                .hasMessageNotContaining("127.0.0.1").hasMessageNotContaining("t0ken");
    }

    private JsonNode alerts(int request) throws IOException {
        return JSON.readTree(server.requests.get(request).body());
    }
}
