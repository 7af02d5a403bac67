package io.floatwatch.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the process is alive) and {@code /readyz}
 * (every role in this process is connected and running). Kubernetes probes and Prometheus scrape
 * these; nothing else is served.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

    private final HttpServer server;

    private OpsHttpServer(HttpServer server) {
        this.server = server;
    }

    /** @param readiness one check per role, by name; /readyz lists the ones not ready */
    public static OpsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
            Map<String, BooleanSupplier> readiness) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "floatwatch-http");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    registry.scrape()));
            server.createContext("/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
            server.createContext("/readyz", ex -> {
                StringBuilder notReady = new StringBuilder();
                readiness.forEach((role, check) -> {
                    if (!safe(check)) {
                        notReady.append(role).append(" not ready\n");
                    }
                });
                if (notReady.isEmpty()) {
                    respond(ex, 200, "text/plain", "ready\n");
                } else {
                    respond(ex, 503, "text/plain", notReady.toString());
                }
            });
            server.start();
            OpsHttpServer ops = new OpsHttpServer(server);
            LOG.info("serving /metrics, /healthz, /readyz on http://{}:{}", host, ops.port());
            return ops;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (http.host/http.port): "
                    + e.getMessage(), e);
        }
    }

    private static boolean safe(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
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
