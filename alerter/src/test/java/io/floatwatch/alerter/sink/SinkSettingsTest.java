package io.floatwatch.alerter.sink;

import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.Sink;
import io.floatwatch.alerter.notify.Sinks;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSettingsTest {

    private final RecordingHttpServer server;

    SinkSettingsTest() throws IOException {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldBuildEveryConfiguredSinkWithItsFilterWhenTheSecretsAreReadable(@TempDir Path dir) throws Exception {
        Path urlFile = Files.writeString(dir.resolve("pager-url"), server.url() + "/pager\n");
        WebhookSettings pager = new WebhookSettings("pager", WebhookNotifier.Format.JSON, ValueSource.fromFile(urlFile.toString()),
                null, Severity.CRITICAL, false, false, Duration.ofSeconds(2));
        AlertmanagerSettings am = new AlertmanagerSettings(ValueSource.plain(server.url()), null, Duration.ofSeconds(2),
                Duration.ofMinutes(1), null);

        try (Sinks sinks = (Sinks) new SinkSettings(false, am, List.of(pager)).notifier(Clock.systemUTC())) {
            assertThat(sinks.all()).extracting(Sink::name).containsExactly(SinkSettings.ALERTMANAGER_SINK, "pager");
            Sink hook = sinks.all().get(1);
            assertThat(hook.accepts().test(new FindingNotification(FindingNotification.Kind.FIRING,
                    firing(FindingType.FSX_FAILED_OVER, T0, "failed over")))).as("a warning does not reach a critical-only pager")
                    .isFalse();
            hook.notifier().send(new FindingNotification(FindingNotification.Kind.FIRING,
                    firing(FindingType.FSX_FAILOVER_STALLED, T0, "stalled")));
            assertThat(server.requests).extracting(RecordingHttpServer.Request::path).contains("/pager");
        }
    }

    @Test
    void shouldNameTheFileButNotTheValueWhenASecretCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-secret");
        WebhookSettings hook = new WebhookSettings("chat", WebhookSettings.DEFAULT_FORMAT, ValueSource.fromFile(missing.toString()),
                null, WebhookSettings.DEFAULT_MIN_SEVERITY, false, false, HttpSender.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> new SinkSettings(true, null, List.of(hook)).notifier(Clock.systemUTC()))
                .isInstanceOf(ValueSource.SecretUnusable.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldRefuseAValueFromTwoPlacesWhenBuilt() {
        assertThatThrownBy(() -> new ValueSource(null, "HOOK_URL", "/var/run/secrets/hook"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOnlyLogWhenNothingElseIsConfigured() {
        assertThat(((Sinks) SinkSettings.logOnly().notifier(Clock.systemUTC())).all()).extracting(Sink::name)
                .containsExactly(SinkSettings.LOG_SINK);
    }
}
