package io.floatwatch.standalone;

import io.floatwatch.app.Floatwatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code floatwatch all -c floatwatch.yaml --embedded-kafka DIR} in its own JVM, as a user runs it on one machine:
 * base credentials from the environment (nobody's real keys), the pager's URL in an environment variable, its
 * output in a log file of its own per run.
 */
final class StandaloneFloatwatch implements AutoCloseable {

    static final String WEBHOOK_ENV = "FLOATWATCH_PAGER_URL";
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final Path log;
    private final URI metrics;

    private StandaloneFloatwatch(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
    }

    /**
     * @param config    floatwatch.yaml without a kafka section; {@code %PORT%} is replaced by the /metrics port
     * @param kafkaPort the embedded broker's client port
     */
    static StandaloneFloatwatch start(Path work, String run, String config, Path stateDir, int kafkaPort, String webhook)
            throws IOException {
        int httpPort = freePort();
        Path file = work.resolve(run + ".yaml");
        Files.writeString(file, config.replace("%PORT%", Integer.toString(httpPort)));
        Path log = work.resolve(run + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Floatwatch.class.getName(),
                "all", "-c", file.toString(), "--embedded-kafka", stateDir.toString(),
                "--embedded-kafka-port", Integer.toString(kafkaPort))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST0FLOATWATCH0");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().put(WEBHOOK_ENV, webhook);
        return new StandaloneFloatwatch(pb.start(), log, httpPort);
    }

    /** The /metrics body once {@code ok} holds for it. */
    String awaitMetrics(Predicate<String> ok, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertAlive();
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
        throw new AssertionError("timed out waiting for " + what + "; metrics:\n" + last + "\nlog:\n" + log());
    }

    /** Waits for a line of the log that contains {@code text}. */
    void awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            assertAlive();
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for '" + text + "' in the log:\n" + log());
    }

    private void assertAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("floatwatch exited with " + process.exitValue() + "; log:\n" + log());
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Exit code once the process ended by itself. */
    int awaitExit() throws Exception {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("floatwatch did not exit; log:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the roles stop in order, then the broker
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
