package io.floatwatch.alerter.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.Notification;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.alerter.notify.OneLineFormat;
import io.floatwatch.alerter.notify.SinkFilter;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A push-once HTTP sink: every notification is one POST. Two bodies:
 * <ul>
 * <li>{@link Format#JSON}: a documented, versioned object (see alerter/README.md) with the finding's
 * type, severity, labels, times, summary, runbook and evidence, plus the one-line text;</li>
 * <li>{@link Format#SLACK}: {@code {"text": "..."}}, which Slack incoming webhooks and the many chat
 * tools that copy them accept.</li>
 * </ul>
 * Both are generic over finding types and labels: a new type needs no change here.
 */
public final class WebhookNotifier implements Notifier {

    public enum Format {
        JSON, SLACK
    }

    /** Bumped when a field of the JSON body changes meaning or disappears; new fields do not bump it. */
    public static final int JSON_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Format format;
    private final Supplier<String> url;
    private final Supplier<String> bearerToken;
    private final HttpSender http;

    /**
     * @param url         read on every send (a rotated Secret file takes effect)
     * @param bearerToken null for none
     */
    public WebhookNotifier(String sinkName, Format format, Supplier<String> url, Supplier<String> bearerToken,
            Duration timeout) {
        this.format = Objects.requireNonNull(format, "format");
        this.url = Objects.requireNonNull(url, "url");
        this.bearerToken = bearerToken == null ? () -> null : bearerToken;
        this.http = new HttpSender(sinkName, timeout);
    }

    @Override
    public void send(Notification notification) throws IOException {
        Object body = format == Format.SLACK ? Map.of("text", slackText(notification)) : json(notification);
        String encoded;
        try {
            encoded = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode notification: " + e.getOriginalMessage());
        }
        URI uri;
        try {
            uri = URI.create(url.get());
        } catch (IllegalArgumentException e) {
            throw new IOException("the configured webhook URL is not a URL");
        }
        http.postJson(uri, encoded, bearerToken.get());
    }

    /** A status mark first, so a channel reads at a glance; the line itself is {@link OneLineFormat}'s. */
    static String slackText(Notification notification) {
        String line = OneLineFormat.format(notification);
        if (notification instanceof FindingNotification f) {
            String mark = switch (f.kind()) {
                case RESOLVED -> ":white_check_mark:";
                case FIRING, UPDATED -> switch (SinkFilter.severityOf(f.finding())) {
                    case CRITICAL -> ":red_circle:";
                    case WARNING -> ":large_orange_circle:";
                    case INFO -> ":large_blue_circle:";
                };
            };
            return mark + " " + line;
        }
        return ":information_source: " + line;
    }

    static Map<String, Object> json(Notification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", JSON_VERSION);
        if (notification instanceof FindingNotification f) {
            Finding finding = f.finding();
            body.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            body.put("status", finding.firing() ? "firing" : "resolved");
            body.put("id", finding.id());
            body.put("alertname", finding.type().alertName());
            body.put("type", finding.type().label());
            body.put("severity", SinkFilter.severityOf(finding).label());
            body.put("subject", finding.subject());
            body.put("labels", new TreeMap<>(finding.labels()));
            putTime(body, "startsAt", finding.startedAt());
            putTime(body, "endsAt", finding.endedAt());
            putTime(body, "updatedAt", finding.updatedAt());
            body.put("summary", finding.summary());
            body.put("runbook", finding.runbook());
            body.put("evidence", new TreeMap<>(finding.evidence()));
        } else {
            Event event = ((EventNotification) notification).event();
            body.put("kind", "event");
            body.put("event", event.type().name().toLowerCase(java.util.Locale.ROOT));
            body.put("subject", event.subject());
            body.put("labels", new TreeMap<>(event.labels()));
            putTime(body, "at", event.at());
            if (event.durationMillis() != null) {
                body.put("durationSeconds", event.durationMillis() / 1000.0);
            }
            body.put("summary", event.message());
        }
        body.put("text", OneLineFormat.format(notification));
        return body;
    }

    private static void putTime(Map<String, Object> body, String key, java.time.Instant at) {
        if (at != null) {
            body.put(key, at.toString());
        }
    }
}
