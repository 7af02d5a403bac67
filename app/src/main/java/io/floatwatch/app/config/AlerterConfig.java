package io.floatwatch.app.config;

import io.floatwatch.alerter.runtime.AlerterSettings;
import io.floatwatch.alerter.sink.AlertmanagerNotifier;
import io.floatwatch.alerter.sink.HttpSender;
import io.floatwatch.alerter.sink.WebhookNotifier;
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
 * The {@code alerter:} section as written. Secrets (webhook URLs, tokens) are never in the file:
 * only the name of the environment variable or the path of the file that holds them, so the config
 * can live in a ConfigMap and check-config can print it whole.
 */
public record AlerterConfig(String groupId, Boolean log, Alertmanager alertmanager, List<Webhook> webhooks) {

    /** The sinks' names as their metrics label them; a webhook may not take one. */
    public static final String LOG_SINK = "log";
    public static final String ALERTMANAGER_SINK = "alertmanager";
    /** The severities and webhook formats by their names in the file: the alerter's own, in its order. */
    static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::label).toList();
    static final List<String> FORMATS = Arrays.stream(WebhookNotifier.Format.values())
            .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    private static final String ENV_NAME = "[A-Z_][A-Z0-9_]*";
    /** Below this a busy receiver's ordinary latency would count as a failed send. */
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    /** {@code alerter.alertmanager}: the base URL may be plain (it is usually an in-cluster service name). */
    public record Alertmanager(String url, String urlEnv, String urlFile, String bearerTokenEnv, String bearerTokenFile,
            String timeout, String resendInterval, String generatorUrl) {
    }

    /** {@code alerter.webhooks[]}: a webhook URL carries its token, so it comes from an env var or a file only. */
    public record Webhook(String name, String format, String urlEnv, String urlFile, String bearerTokenEnv,
            String bearerTokenFile, String minSeverity, Boolean events, Boolean updates, String timeout) {
    }

    /** Where a value comes from: exactly one of a plain value, an environment variable or a file. */
    public record Source(String value, String env, String file) {
    }

    public record AlertmanagerOptions(Source url, Source bearerToken, Duration timeout, Duration resendInterval,
            String generatorUrl) {
    }

    public record WebhookOptions(String name, String format, Source url, Source bearerToken, String minSeverity,
            boolean events, boolean updates, Duration timeout) {
    }

    /**
     * The validated alerter settings with defaults applied.
     *
     * @param log          one line per notification on the {@code floatwatch.notifications} logger
     * @param alertmanager null when not configured
     */
    public record Options(String groupId, boolean log, AlertmanagerOptions alertmanager, List<WebhookOptions> webhooks) {

        public Options {
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        }

        /** Only the log sink. */
        public Options(String groupId) {
            this(groupId, true, null, List.of());
        }
    }

    static Options validate(AlerterConfig raw, Problems problems) {
        AlerterConfig a = raw == null ? new AlerterConfig(null, null, null, null) : raw;
        String groupId = a.groupId() == null ? AlerterSettings.DEFAULT_GROUP_ID : a.groupId();
        AlertmanagerOptions am = a.alertmanager() == null ? null : alertmanager(a.alertmanager(), problems);
        List<WebhookOptions> hooks = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(LOG_SINK, ALERTMANAGER_SINK));
        List<Webhook> raws = a.webhooks() == null ? List.of() : a.webhooks();
        for (int i = 0; i < raws.size(); i++) {
            String p = "alerter.webhooks[" + i + "]";
            if (raws.get(i) == null) {
                problems.add(p, "empty entry");
                continue;
            }
            hooks.add(webhook(p, raws.get(i), names, problems));
        }
        return new Options(groupId, a.log() == null || a.log(), am, hooks);
    }

    private static AlertmanagerOptions alertmanager(Alertmanager am, Problems problems) {
        String p = "alerter.alertmanager";
        Source url = source(p, "url", am.url(), am.urlEnv(), am.urlFile(), true, problems);
        if (url != null && url.value() != null) {
            String why = httpUrlProblem(am.url());
            if (why != null) {
                problems.add(p + ".url", "'" + am.url() + "' " + why);
            }
        }
        Source token = optionalSource(p, "bearerToken", am.bearerTokenEnv(), am.bearerTokenFile(), problems);
        Duration timeout = problems.duration(p + ".timeout", am.timeout(), HttpSender.DEFAULT_TIMEOUT, MIN_TIMEOUT);
        Duration resend = problems.duration(p + ".resendInterval", am.resendInterval(),
                AlertmanagerNotifier.DEFAULT_RESEND_INTERVAL, Duration.ofSeconds(1));
        if (am.generatorUrl() != null && httpUrlProblem(am.generatorUrl()) != null) {
            problems.add(p + ".generatorUrl", "'" + am.generatorUrl() + "' " + httpUrlProblem(am.generatorUrl()));
        }
        return new AlertmanagerOptions(url, token, timeout, resend, am.generatorUrl());
    }

    private static WebhookOptions webhook(String p, Webhook w, Set<String> names, Problems problems) {
        if (w.name() == null || !w.name().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            problems.add(p + ".name", (w.name() == null ? "required" : "'" + w.name() + "' is not allowed")
                    + " (lower-case letters, digits and '-', up to 40; it becomes the sink label)");
        } else if (!names.add(w.name())) {
            problems.add(p + ".name", "'" + w.name() + "' is taken (by another webhook, or reserved: log, alertmanager)");
        }
        String format = w.format() == null ? WebhookNotifier.Format.JSON.name().toLowerCase(Locale.ROOT) : w.format();
        if (!FORMATS.contains(format)) {
            problems.add(p + ".format", "'" + format + "' is not known (expected one of " + String.join(", ", FORMATS) + ")");
        }
        Source url = source(p, "url", null, w.urlEnv(), w.urlFile(), false, problems);
        Source token = optionalSource(p, "bearerToken", w.bearerTokenEnv(), w.bearerTokenFile(), problems);
        String minSeverity = w.minSeverity() == null ? Severity.WARNING.label() : w.minSeverity().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(minSeverity)) {
            problems.add(p + ".minSeverity", "'" + w.minSeverity() + "' is not a severity (expected one of "
                    + String.join(", ", SEVERITIES) + ")");
        }
        Duration timeout = problems.duration(p + ".timeout", w.timeout(), HttpSender.DEFAULT_TIMEOUT, MIN_TIMEOUT);
        return new WebhookOptions(w.name(), format, url, token, minSeverity, Boolean.TRUE.equals(w.events()),
                Boolean.TRUE.equals(w.updates()), timeout);
    }

    /** Exactly one of the plain value (when allowed), {@code <field>Env} and {@code <field>File}. */
    private static Source source(String p, String field, String value, String env, String file, boolean plainAllowed,
            Problems problems) {
        int given = (value == null ? 0 : 1) + (env == null ? 0 : 1) + (file == null ? 0 : 1);
        String choices = plainAllowed ? field + ", " + field + "Env or " + field + "File"
                : field + "Env or " + field + "File (the secret itself never goes in the file)";
        if (given != 1) {
            problems.add(p + "." + field, (given == 0 ? "required: " : "give only one of ") + choices);
            return null;
        }
        checkEnvName(p + "." + field + "Env", env, problems);
        return new Source(value, env, file);
    }

    private static Source optionalSource(String p, String field, String env, String file, Problems problems) {
        if (env == null && file == null) {
            return null;
        }
        if (env != null && file != null) {
            problems.add(p + "." + field, "give only one of " + field + "Env or " + field + "File");
            return null;
        }
        checkEnvName(p + "." + field + "Env", env, problems);
        return new Source(null, env, file);
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
