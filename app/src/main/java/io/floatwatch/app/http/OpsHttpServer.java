package io.floatwatch.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floatwatch.app.StartupProblem;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (liveness: every role in this process can still
 * recover by itself) and {@code /readyz} (readiness: every role can do its job now). Both probes answer
 * 200 or 503 with a JSON body naming each check and why a failed one failed ({@link HealthReport}).
 * Kubernetes probes and Prometheus scrape these; nothing else is served.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

    private final HttpServer server;

    private OpsHttpServer(HttpServer server) {
        this.server = server;
    }

    /** @param health the checks of every role in this process; roles may add theirs after the server started */
    public static OpsHttpServer start(String host, int port, PrometheusMeterRegistry registry, Health health) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "floatwatch-http");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    registry.scrape()));
            server.createContext("/healthz", ex -> probe(ex, health.live()));
            server.createContext("/readyz", ex -> probe(ex, health.ready()));
            server.start();
            OpsHttpServer ops = new OpsHttpServer(server);
            LOG.info("serving /metrics, /healthz, /readyz on http://{}:{}", host, ops.port());
            return ops;
        } catch (IOException e) {
            throw new StartupProblem("cannot listen on " + host + ":" + port + " (http.host/http.port): "
                    + e.getMessage(), e);
        }
    }

    private static void probe(HttpExchange ex, HealthReport report) throws IOException {
        respond(ex, report.ok() ? 200 : 503, "application/json", report.json());
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
