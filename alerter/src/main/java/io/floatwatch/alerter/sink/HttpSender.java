package io.floatwatch.alerter.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs JSON with a timeout and turns every failure into an {@link IOException} whose message names
 * the sink and what went wrong, but never the URL or a header: webhook URLs carry their tokens, and
 * the dispatcher logs these messages.
 */
public final class HttpSender {

    /** A page waits no longer than this for one sink, so a hung receiver cannot hold up the others for long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The least a config may set: below it a busy receiver's ordinary latency would count as a failed send. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    private final String sinkName;
    private final HttpClient client;
    private final Duration timeout;

    public HttpSender(String sinkName, Duration timeout) {
        this.sinkName = Objects.requireNonNull(sinkName, "sinkName");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @param bearerToken sent as {@code Authorization: Bearer ...} when not null */
    public void postJson(URI uri, String json, String bearerToken) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(sinkName + ": request failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(sinkName + ": interrupted");
        } catch (IllegalArgumentException e) {
            throw new IOException(sinkName + ": the configured URL is not usable");
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new IOException(sinkName + ": HTTP " + status + " " + excerpt(response.body()));
        }
    }

    /** The start of an error body helps (Alertmanager says which field it rejected); it never echoes our URL. */
    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
