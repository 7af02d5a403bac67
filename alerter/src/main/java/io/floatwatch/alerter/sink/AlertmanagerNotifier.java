package io.floatwatch.alerter.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.Notification;
import io.floatwatch.alerter.notify.Notifier;
import io.floatwatch.model.finding.Finding;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Findings to Alertmanager's v2 API ({@code POST /api/v2/alerts}), so routing, silences, grouping
 * and inhibition stay in Alertmanager. Events are not sent: Alertmanager holds conditions, not
 * transitions.
 *
 * <p>Alertmanager resolves an alert whose {@code endsAt} passed, so a firing alert is posted with
 * {@code endsAt} = now + {@code lifetime} and re-posted every {@code resendInterval} (lifetime is
 * several intervals, so one lost re-send does not resolve it). A resolution is posted once with
 * {@code endsAt} = the time it resolved. After a restart the alerter replays the findings without
 * notifying; this sink still learns what fires ({@link #observe}) and, once the replay is complete,
 * re-posts those alerts with their original {@code startsAt}: Alertmanager sees the same alert
 * again, not a new one, so nobody is paged twice.
 */
public final class AlertmanagerNotifier implements Notifier, AutoCloseable {

    /** Re-sent every minute with four minutes of life ({@code lifetime}), a firing alert outlives three lost sends. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    /** The least a config may set: Alertmanager keeps an alert by its labels, so re-posting it faster only adds load. */
    public static final Duration MIN_RESEND_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> alertsUri;
    private final Supplier<String> bearerToken;
    private final HttpSender http;
    private final Duration resendInterval;
    private final Duration lifetime;
    private final String generatorUrl;
    private final Clock clock;
    private final Map<String, AlertmanagerAlert> firing = new LinkedHashMap<>();
    /** Alerts whose labels changed while firing (e.g. a new severity): their old identity must be ended. */
    private final List<AlertmanagerAlert> retired = new ArrayList<>();
    private final ScheduledExecutorService resender;
    private boolean restored;

    /**
     * @param baseUrl      Alertmanager's base URL, e.g. {@code http://alertmanager:9093}; read on every send
     * @param bearerToken  null for none; read on every send
     * @param generatorUrl where a person clicks through from the alert (a dashboard); null for none
     */
    public AlertmanagerNotifier(Supplier<String> baseUrl, Supplier<String> bearerToken, Duration timeout,
            Duration resendInterval, String generatorUrl, Clock clock) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.alertsUri = () -> alertsUri(baseUrl.get());
        this.bearerToken = bearerToken == null ? () -> null : bearerToken;
        this.http = new HttpSender("alertmanager", timeout);
        this.resendInterval = Objects.requireNonNull(resendInterval, "resendInterval");
        this.lifetime = resendInterval.multipliedBy(4);
        this.generatorUrl = generatorUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floatwatch-alertmanager-resend");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, resendInterval.toMillis());
        resender.scheduleWithFixedDelay(this::resendQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    static URI alertsUri(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/api/v2/alerts");
    }

    @Override
    public synchronized void observe(String id, Finding finding) {
        AlertmanagerAlert previous = firing.remove(id);
        if (finding == null || !finding.firing()) {
            return;
        }
        AlertmanagerAlert next = AlertmanagerAlert.of(finding, clock.instant());
        if (previous != null && !previous.labels().equals(next.labels())) {
            retired.add(previous);
        } else if (previous != null) {
            // Same alert: keep the startsAt Alertmanager already has, so it stays one alert.
            next = new AlertmanagerAlert(next.labels(), next.annotations(), previous.startsAt());
        }
        firing.put(id, next);
    }

    @Override
    public synchronized void reset() {
        firing.clear();
        retired.clear();
        restored = false;
    }

    @Override
    public synchronized void restored() {
        restored = true;
        resendQuietly();
    }

    @Override
    public synchronized void send(Notification notification) throws IOException {
        if (!(notification instanceof FindingNotification f)) {
            return;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> batch = new ArrayList<>();
        retired.forEach(old -> batch.add(old.body(now, generatorUrl)));
        if (f.kind() == FindingNotification.Kind.RESOLVED) {
            Finding finding = f.finding();
            Instant ended = finding.endedAt() == null || finding.endedAt().isAfter(now) ? now : finding.endedAt();
            AlertmanagerAlert alert = AlertmanagerAlert.of(finding, now);
            if (alert.startsAt().isAfter(ended)) {
                ended = alert.startsAt();
            }
            batch.add(alert.body(ended, generatorUrl));
        } else {
            AlertmanagerAlert alert = firing.get(f.finding().id());
            if (alert == null) {
                alert = AlertmanagerAlert.of(f.finding(), now);
            }
            batch.add(alert.body(now.plus(lifetime), generatorUrl));
        }
        post(batch);
        retired.clear();
    }

    /** Re-posts every firing alert with a fresh endsAt, so Alertmanager keeps them open. */
    synchronized void resend() throws IOException {
        if (!restored || firing.isEmpty() && retired.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> batch = new ArrayList<>();
        retired.forEach(old -> batch.add(old.body(now, generatorUrl)));
        firing.values().forEach(a -> batch.add(a.body(now.plus(lifetime), generatorUrl)));
        post(batch);
        retired.clear();
    }

    private void resendQuietly() {
        try {
            resend();
        } catch (IOException | RuntimeException e) {
            // The next tick retries; the lifetime covers several missed re-sends.
            LOG.warn("re-sending firing alerts to Alertmanager failed: {}", e.getMessage());
        }
    }

    private void post(List<Map<String, Object>> batch) throws IOException {
        String json;
        try {
            json = JSON.writeValueAsString(batch);
        } catch (JsonProcessingException e) {
            throw new IOException("alertmanager: cannot encode alerts: " + e.getOriginalMessage());
        }
        http.postJson(alertsUri.get(), json, bearerToken.get());
    }

    Duration resendInterval() {
        return resendInterval;
    }

    @Override
    public void close() {
        resender.shutdownNow();
    }
}
