package io.floatwatch.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The pager: a JSON webhook on 127.0.0.1 that keeps every body it is sent, across floatwatch's restarts. */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/page", exchange -> {
            try (exchange) {
                receiver.received.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
    }

    /** Pages of a finding: {@code kind} firing, updated or resolved, {@code alertname} e.g. FsxFailedOver. */
    long findings(String kind, String alertname) {
        return received.stream().filter(n -> kind.equals(n.path("kind").asText())
                && alertname.equals(n.path("alertname").asText())).count();
    }

    /** Pages of an event, e.g. {@code failover_started}. */
    long events(String event) {
        return received.stream().filter(n -> "event".equals(n.path("kind").asText())
                && event.equals(n.path("event").asText())).count();
    }

    /** Every page's one-line text, in the order received. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        received.forEach(n -> lines.add(n.path("text").asText()));
        return lines;
    }

    /** Pages received more than once, body for body. */
    List<String> duplicates() {
        List<String> seen = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (JsonNode n : received) {
            String body = n.toString();
            if (seen.contains(body)) {
                twice.add(n.path("text").asText());
            }
            seen.add(body);
        }
        return twice;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
