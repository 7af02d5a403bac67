package io.floatwatch.app.verdicts;

import io.floatwatch.app.Floatwatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code floatwatch all -c floatwatch.yaml} in its own JVM, as an operator runs it, with base credentials from
 * the environment (nobody's real keys), /metrics on a free loopback port and its log in a file.
 */
final class RunningFloatwatch implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final Path log;
    private final URI metrics;

    private RunningFloatwatch(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** Writes {@code config} (with {@code %PORT%} and {@code %STATE%} filled in) and starts every role on it. */
    static RunningFloatwatch start(Path dir, String config) throws IOException {
        int port = freePort();
        Path file = dir.resolve("floatwatch.yaml");
        Files.writeString(file, config.replace("%PORT%", Integer.toString(port)).replace("%STATE%", dir.resolve("state").toString()));
        Path log = dir.resolve("floatwatch.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Floatwatch.class.getName(),
                "all", "-c", file.toString(), "--create-topics", "--partitions", "3", "--replicas", "1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST0FLOATWATCH0");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
        pb.environment().remove("AWS_PROFILE");
        return new RunningFloatwatch(pb.start(), log, port);
    }

    /** The /metrics body once {@code ok} holds for it; fails with the findings and the log after two minutes. */
    String awaitMetrics(Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("floatwatch exited with " + process.exitValue() + "; log:\n" + log());
            }
            try {
                last = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting on " + metrics + "; findings:\n" + findings(last) + "\nlog:\n" + log());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** The notification lines of the log ({@code floatwatch.notifications}), for counting pages. */
    List<String> notifications() throws IOException {
        return log().lines().filter(l -> l.contains("FIRING") || l.contains("UPDATED") || l.contains("RESOLVED")).toList();
    }

    static String findings(String metrics) {
        return String.join("\n", metrics.lines().filter(l -> l.startsWith("floatwatch_findings_active")).toList());
    }

    /** The value of {@code floatwatch_findings_active} for a type and client (and endpoint, when given); 0 when absent. */
    static int active(String metrics, String type, String client, String endpointIp) {
        String series = "floatwatch_findings_active\\{[^}]*client=\"" + Pattern.quote(client) + "\""
                + (endpointIp == null ? "" : "[^}]*endpoint_ip=\"" + Pattern.quote(endpointIp) + "\"")
                + "[^}]*type=\"" + type + "\"[^}]*} ([0-9.]+)";
        int sum = 0;
        Matcher m = Pattern.compile(series).matcher(metrics);
        while (m.find()) {
            sum += (int) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the roles stop in order
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
