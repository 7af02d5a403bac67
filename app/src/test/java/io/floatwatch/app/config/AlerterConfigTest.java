package io.floatwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.floatwatch.alerter.sink.SinkSettings;
import io.floatwatch.alerter.sink.WebhookNotifier;
import io.floatwatch.alerter.sink.WebhookSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlerterConfigTest {

    private static final String HEAD = """
            kafka:
              bootstrapServers: kafka:9092
            aws:
              accounts:
                - id: "123456789012"
                  regions: [ap-northeast-1]
            """;

    @TempDir
    Path dir;

    @Test
    void shouldKeepSecretsOutOfTheConfigWhenSinksAreConfigured() throws IOException {
        RuntimeConfig c = load(HEAD + """
                alerter:
                  alertmanager:
                    url: http://alertmanager:9093
                    resendInterval: 30s
                  webhooks:
                    - name: storage-chat
                      format: slack
                      urlEnv: FLOATWATCH_SLACK_URL
                    - name: pager
                      urlFile: /var/run/secrets/floatwatch/pager-url
                      bearerTokenEnv: PAGER_TOKEN
                      minSeverity: critical
                """);

        SinkSettings a = c.alerter().sinks();
        assertThat(c.alerter().groupId()).isEqualTo("floatwatch-alerter");
        assertThat(a.log()).isTrue();
        assertThat(a.alertmanager().url().value()).isEqualTo("http://alertmanager:9093");
        assertThat(a.alertmanager().resendInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.alertmanager().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.webhooks()).extracting(WebhookSettings::name).containsExactly("storage-chat", "pager");
        assertThat(a.webhooks().get(0).url().env()).isEqualTo("FLOATWATCH_SLACK_URL");
        assertThat(a.webhooks().get(0).format()).isEqualTo(WebhookNotifier.Format.SLACK);
        assertThat(a.webhooks().get(0).minSeverity().label()).isEqualTo("warning");
        assertThat(a.webhooks().get(1).format()).isEqualTo(WebhookNotifier.Format.JSON);
        assertThat(a.webhooks().get(1).url().file()).isEqualTo("/var/run/secrets/floatwatch/pager-url");
        assertThat(a.webhooks().get(1).bearerToken().env()).isEqualTo("PAGER_TOKEN");
        assertThat(a.webhooks().get(1).minSeverity().label()).isEqualTo("critical");
    }

    @Test
    void shouldNameEveryBadSinkFieldWhenTheSectionIsWrong() throws IOException {
        assertThatThrownBy(() -> load(HEAD + """
                alerter:
                  alertmanager:
                    url: http://user:pw@alertmanager:9093
                  webhooks:
                    - name: Pager
                      format: teams
                      urlEnv: lower-case
                      minSeverity: urgent
                    - name: log
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "alerter.alertmanager.url: 'http://user:pw@alertmanager:9093' carries credentials; use bearerTokenEnv or bearerTokenFile instead",
                "alerter.webhooks[0].name: 'Pager' is not allowed (lower-case letters, digits and '-', up to 40; it becomes the sink label)",
                "alerter.webhooks[0].format: 'teams' is not known (expected one of json, slack)",
                "alerter.webhooks[0].urlEnv: 'lower-case' is not an environment variable name (the secret itself never goes in the file)",
                "alerter.webhooks[0].minSeverity: 'urgent' is not a severity (expected one of critical, warning, info)",
                "alerter.webhooks[1].name: 'log' is taken (by another webhook, or reserved: log, alertmanager)",
                "alerter.webhooks[1].url: required: urlEnv or urlFile (the secret itself never goes in the file)"));
    }

    @Test
    void shouldRejectAPlainWebhookUrlWhenItWouldPutATokenInTheFile() {
        assertThatThrownBy(() -> load(HEAD + """
                alerter:
                  webhooks:
                    - name: chat
                      url: https://hooks.example/T000/B000/XXXX
                """)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("alerter.webhooks[0].url: unknown field 'url'")));
    }

    private RuntimeConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), yaml));
    }
}
