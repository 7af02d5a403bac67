package io.floatwatch.app.config;

import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.alerter.runtime.AlerterSettings;
import io.floatwatch.alerter.sink.AlertmanagerNotifier;
import io.floatwatch.alerter.sink.AlertmanagerSettings;
import io.floatwatch.alerter.sink.HttpSender;
import io.floatwatch.alerter.sink.SinkSettings;
import io.floatwatch.alerter.sink.ValueSource;
import io.floatwatch.alerter.sink.WebhookNotifier;
import io.floatwatch.alerter.sink.WebhookSettings;
import io.floatwatch.model.finding.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code alerter:} section as written, validated straight into the alerter's own {@link AlerterOptions} and
 * {@link SinkSettings}, whose defaults and bounds it reads. Secrets (webhook URLs, tokens) are never in the file:
 * only the name of the environment variable or the path of the file that holds them, so the config can live in a
 * ConfigMap and check-config can print it whole.
 */
public record AlerterConfig(String groupId, Boolean log, Alertmanager alertmanager, List<Webhook> webhooks) {

    /** The severities and webhook formats by their names in the file: the alerter's own, in its order. */
    static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::label).toList();
    static final List<String> FORMATS = Arrays.stream(WebhookNotifier.Format.values())
            .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    private static final String ENV_NAME = "[A-Z_][A-Z0-9_]*";

    /** {@code alerter.alertmanager}: the base URL may be plain (it is usually an in-cluster service name). */
    public record Alertmanager(String url, String urlEnv, String urlFile, String bearerTokenEnv, String bearerTokenFile,
            String timeout, String resendInterval, String generatorUrl) {
    }

    /** {@code alerter.webhooks[]}: a webhook URL carries its token, so it comes from an env var or a file only. */
    public record Webhook(String name, String format, String urlEnv, String urlFile, String bearerTokenEnv,
            String bearerTokenFile, String minSeverity, Boolean events, Boolean updates, String timeout) {
    }

    static AlerterOptions validate(AlerterConfig raw, Problems problems) {
        AlerterConfig a = raw == null ? new AlerterConfig(null, null, null, null) : raw;
        String groupId = a.groupId() == null ? AlerterSettings.DEFAULT_GROUP_ID : a.groupId();
        AlertmanagerSettings am = a.alertmanager() == null ? null : alertmanager(a.alertmanager(), problems);
        List<WebhookSettings> hooks = new ArrayList<>();
        Set<String> names = new HashSet<>(SinkSettings.RESERVED_NAMES);
        List<Webhook> raws = a.webhooks() == null ? List.of() : a.webhooks();
        for (int i = 0; i < raws.size(); i++) {
            String p = "alerter.webhooks[" + i + "]";
            if (raws.get(i) == null) {
                problems.add(p, "empty entry");
                continue;
            }
            WebhookSettings hook = webhook(p, raws.get(i), names, problems);
            if (hook != null) {
                hooks.add(hook);
            }
        }
        return new AlerterOptions(groupId, new SinkSettings(a.log() == null || a.log(), am, hooks));
    }

    /** Null when it has problems: they fail the file, so nothing is built from it. */
    private static AlertmanagerSettings alertmanager(Alertmanager am, Problems problems) {
        String p = "alerter.alertmanager";
        ValueSource url = source(p, "url", am.url(), am.urlEnv(), am.urlFile(), true, problems);
        if (url != null && url.value() != null) {
            String why = httpUrlProblem(am.url());
            if (why != null) {
                problems.add(p + ".url", "'" + am.url() + "' " + why);
            }
        }
        ValueSource token = optionalSource(p, "bearerToken", am.bearerTokenEnv(), am.bearerTokenFile(), problems);
        Duration timeout = problems.duration(p + ".timeout", am.timeout(), HttpSender.DEFAULT_TIMEOUT, HttpSender.MIN_TIMEOUT);
        Duration resend = problems.duration(p + ".resendInterval", am.resendInterval(),
                AlertmanagerNotifier.DEFAULT_RESEND_INTERVAL, AlertmanagerNotifier.MIN_RESEND_INTERVAL);
        if (am.generatorUrl() != null && httpUrlProblem(am.generatorUrl()) != null) {
            problems.add(p + ".generatorUrl", "'" + am.generatorUrl() + "' " + httpUrlProblem(am.generatorUrl()));
        }
        return url == null ? null : new AlertmanagerSettings(url, token, timeout, resend, am.generatorUrl());
    }

    /** Null when it has problems: they fail the file, so nothing is built from it. */
    private static WebhookSettings webhook(String p, Webhook w, Set<String> names, Problems problems) {
        if (w.name() == null || !w.name().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            problems.add(p + ".name", (w.name() == null ? "required" : "'" + w.name() + "' is not allowed")
                    + " (lower-case letters, digits and '-', up to 40; it becomes the sink label)");
        } else if (!names.add(w.name())) {
            problems.add(p + ".name", "'" + w.name() + "' is taken (by another webhook, or reserved: log, alertmanager)");
        }
        String format = w.format() == null ? WebhookSettings.DEFAULT_FORMAT.name().toLowerCase(Locale.ROOT) : w.format();
        if (!FORMATS.contains(format)) {
            problems.add(p + ".format", "'" + format + "' is not known (expected one of " + String.join(", ", FORMATS) + ")");
        }
        ValueSource url = source(p, "url", null, w.urlEnv(), w.urlFile(), false, problems);
        ValueSource token = optionalSource(p, "bearerToken", w.bearerTokenEnv(), w.bearerTokenFile(), problems);
        String minSeverity = w.minSeverity() == null ? WebhookSettings.DEFAULT_MIN_SEVERITY.label()
                : w.minSeverity().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(minSeverity)) {
            problems.add(p + ".minSeverity", "'" + w.minSeverity() + "' is not a severity (expected one of "
                    + String.join(", ", SEVERITIES) + ")");
        }
        Duration timeout = problems.duration(p + ".timeout", w.timeout(), HttpSender.DEFAULT_TIMEOUT, HttpSender.MIN_TIMEOUT);
        if (w.name() == null || url == null || !FORMATS.contains(format) || !SEVERITIES.contains(minSeverity)) {
            return null;
        }
        return new WebhookSettings(w.name(), WebhookNotifier.Format.valueOf(format.toUpperCase(Locale.ROOT)), url, token,
                Severity.valueOf(minSeverity.toUpperCase(Locale.ROOT)), Boolean.TRUE.equals(w.events()),
                Boolean.TRUE.equals(w.updates()), timeout);
    }

    /** Exactly one of the plain value (when allowed), {@code <field>Env} and {@code <field>File}. */
    private static ValueSource source(String p, String field, String value, String env, String file, boolean plainAllowed,
            Problems problems) {
        int given = (value == null ? 0 : 1) + (env == null ? 0 : 1) + (file == null ? 0 : 1);
        String choices = plainAllowed ? field + ", " + field + "Env or " + field + "File"
                : field + "Env or " + field + "File (the secret itself never goes in the file)";
        if (given != 1) {
            problems.add(p + "." + field, (given == 0 ? "required: " : "give only one of ") + choices);
            return null;
        }
        checkEnvName(p + "." + field + "Env", env, problems);
        return new ValueSource(value, env, file);
    }

    private static ValueSource optionalSource(String p, String field, String env, String file, Problems problems) {
        if (env == null && file == null) {
            return null;
        }
        if (env != null && file != null) {
            problems.add(p + "." + field, "give only one of " + field + "Env or " + field + "File");
            return null;
        }
        checkEnvName(p + "." + field + "Env", env, problems);
        return new ValueSource(null, env, file);
    }

    private static void checkEnvName(String path, String env, Problems problems) {
        if (env != null && !env.matches(ENV_NAME)) {
            problems.add(path, "'" + env + "' is not an environment variable name (the secret itself never goes in the file)");
        }
    }

    private static String httpUrlProblem(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return "is not an http(s) URL";
            }
            if (uri.getUserInfo() != null) {
                return "carries credentials; use bearerTokenEnv or bearerTokenFile instead";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
    }
}
