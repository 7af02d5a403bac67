package io.floatwatch.app.kafka;

import io.floatwatch.app.health.HealthCheck;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Can this process reach Kafka now? Asks the cluster for its nodes (one metadata request) every few
 * seconds on a thread of its own, and after a failure again with a doubling backoff, logging each
 * attempt with the address tried and the reason, so a role started before its brokers (or during an
 * outage) waits for them, reports not-ready, and never exits with a stack trace.
 *
 * <p>Readiness fails before the first answer and after {@code unreachableAfter} without one: every
 * Kafka client rides out a short blip by itself, so a single failed request is not an outage.
 */
public final class KafkaReachability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Admin admin;
    private final Duration period;
    private final Duration unreachableAfter;
    private final Backoff backoff;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile long lastSuccessNanos;
    private volatile boolean everReached;
    private volatile String lastError = "not tried yet";
    private volatile boolean closed;

    public KafkaReachability(String bootstrapServers, Map<String, String> clientProperties, Duration period,
            Duration unreachableAfter) {
        this.bootstrapServers = bootstrapServers;
        this.period = period;
        this.unreachableAfter = unreachableAfter;
        // Capped at 10 s: one metadata request is cheap, and a broker that is back should turn readiness green soon.
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "floatwatch-kafka-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        this.admin = Admin.create(props);
        this.thread = new Thread(this::run, "floatwatch-kafka-check");
        this.thread.setDaemon(true);
    }

    /** Defaults: asks every 5 s, not ready after 30 s without an answer. */
    public static KafkaReachability start(String bootstrapServers, Map<String, String> clientProperties) {
        KafkaReachability k = new KafkaReachability(bootstrapServers, clientProperties, Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        k.thread.start();
        return k;
    }

    /** The readiness check {@code kafka}. */
    public HealthCheck check() {
        return new HealthCheck("kafka", this::problem);
    }

    String problem() {
        if (!everReached) {
            return "Kafka at " + bootstrapServers + " not reached yet (kafka.bootstrapServers): " + lastError;
        }
        long silentNanos = System.nanoTime() - lastSuccessNanos;
        if (silentNanos > unreachableAfter.toNanos()) {
            return "Kafka at " + bootstrapServers + " unreachable for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos)
                    + " s: " + lastError;
        }
        return null;
    }

    /** Blocks until Kafka answered once, or {@code timeout} passed; false then. */
    public boolean awaitReachable(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (wake) {
            while (!everReached && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(wake, left);
            }
        }
        return everReached;
    }

    private void run() {
        while (!closed) {
            Duration next;
            try {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REQUEST_TIMEOUT.toMillis()))
                        .nodes().get(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
                if (!everReached || backoff.failures() > 0) {
                    LOG.info("Kafka at {} reachable ({} brokers)", bootstrapServers, nodes);
                }
                lastSuccessNanos = System.nanoTime();
                synchronized (wake) {
                    everReached = true;
                    wake.notifyAll();
                }
                backoff.reset();
                next = period;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                lastError = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                next = backoff.next();
                if (!closed) {
                    LOG.warn("cannot reach Kafka at {} (kafka.bootstrapServers, kafka.properties): {}; retrying in {} s",
                            bootstrapServers, lastError, next.toSeconds());
                }
            }
            try {
                Thread.sleep(next.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        synchronized (wake) {
            wake.notifyAll();
        }
        admin.close(Duration.ofSeconds(2));
    }
}
