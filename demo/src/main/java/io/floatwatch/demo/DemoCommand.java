package io.floatwatch.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floatwatch demo}: a failover detected end to end, with no AWS account and no Kafka installed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay the OpenZFS Multi-AZ failover of docs/domain.md section 1 against an embedded Kafka broker"
                + " and a simulated AWS account, and show floatwatch detecting it.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--speed", defaultValue = "60", description = "Simulated seconds per second (default ${DEFAULT-VALUE}:"
            + " the 45-minute scenario takes about 46 s)")
    double speed;

    @Option(names = "--port", defaultValue = "9464", description = "Port for /metrics on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--keep-running", description = "Keep serving /metrics after the scenario, until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--verbose", description = "Show the roles' own logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            // The demo's screen is for the story; Kafka's own start-up and shutdown chatter is not part of it.
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
            for (String noisy : new String[] {"org.apache.kafka", "kafka", "LogFutureTimestampLogger"}) {
                ((Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.ERROR);
            }
        }
        PrintStream out = System.out;
        out.printf("floatwatch demo: an OpenZFS Multi-AZ failover (throughput 160 -> 320 MB/s), replayed at %.0fx%n", speed);
        out.println("starting an embedded Kafka broker, a simulated AWS account and the collector, analyzer and alerter...");
        long t0 = System.nanoTime();
        DemoRun.Options options = new DemoRun.Options(speed, Duration.ofSeconds(30), "127.0.0.1", port, out,
                DemoRun.embeddedBroker());
        try (DemoRun demo = DemoRun.start(options)) {
            out.printf("  Kafka   %s%n", demo.kafkaDescription());
            out.printf("  AWS     simulated account on %s (EC2 Query and FSx JSON 1.1 wire protocols)%n", demo.awsEndpoint());
            out.printf("  metrics %s%n", demo.metricsUrl());
            out.printf("ready in %.1f s; polling route tables every 30 s and file systems every 60 s (simulated)%n%n",
                    (System.nanoTime() - t0) / 1e9);
            DemoRun.Result result = demo.play(Duration.ofSeconds(90), Duration.ofSeconds(60));
            summarize(out, result);
            if (keepRunning) {
                out.println("\nserving " + result.metricsUrl() + " until Ctrl-C");
                Thread.currentThread().join();
            }
            return result.failoverAndFailbackDetected() ? 0 : 1;
        } catch (IllegalStateException e) {
            System.err.println("demo failed: " + e.getMessage());
            return 1;
        }
    }

    private static void summarize(PrintStream out, DemoRun.Result r) {
        out.println();
        out.println("What floatwatch detected (event time from the observations):");
        r.event(EventType.FAILOVER_STARTED).ifPresent(e -> line(out, r, "failover started", e,
                "AWS moved the first table at T+11:00"));
        r.event(EventType.FAILOVER_CONVERGED).ifPresent(e -> line(out, r, "failover converged", e,
                "the second at T+12:00; field report: ~10 min after the update began"));
        r.event(EventType.FAILBACK_COMPLETED).ifPresent(e -> line(out, r, "failback completed", e,
                "AWS moved both back by T+45:30"));
        out.println();
        out.println("Metrics (curl " + r.metricsUrl() + "):");
        Arrays.stream(r.metrics().split("\n"))
                .filter(l -> l.startsWith("floatwatch_fsx_") || l.startsWith("floatwatch_findings_active"))
                .filter(l -> !l.startsWith("#"))
                .limit(14)
                .forEach(l -> out.println("  " + l));
        out.println();
        out.println(r.failoverAndFailbackDetected()
                ? "OK: failover and failback detected."
                : "NOT OK: the failover or failback was not detected; rerun with --verbose to see the roles' logs.");
    }

    private static void line(PrintStream out, DemoRun.Result r, String what, Event e, String truth) {
        long s = Duration.between(r.start(), e.at()).toSeconds();
        String duration = e.durationMillis() == null ? "" : ", after " + human(Duration.ofMillis(e.durationMillis()));
        out.printf("  %-19s at T+%02d:%02d%-16s (%s)%n", what, s / 60, s % 60, duration, truth);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02ds", s % 60) : s + "s";
    }
}
