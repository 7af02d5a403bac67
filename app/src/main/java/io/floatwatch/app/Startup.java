package io.floatwatch.app;

import io.floatwatch.app.health.HealthCheck;
import io.floatwatch.app.role.Pipeline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the roles, and when Kafka stops that (a bootstrap address that does not resolve yet, brokers
 * that do not answer the topic check) logs what it tried and why and tries again with a doubling
 * backoff, until it works or the process is asked to stop. Meanwhile readiness says why it waits.
 * A condition an operator fixes in Kafka or DNS never ends the process with a stack trace.
 */
final class Startup {

    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private volatile String problem = "roles starting";

    Startup(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    HealthCheck check() {
        return new HealthCheck("startup", () -> problem);
    }

    /** @return the started pipeline, or null when {@code stop} came first */
    Pipeline run(CountDownLatch stop, Supplier<Pipeline> start) throws InterruptedException {
        Duration delay = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                Pipeline pipeline = start.get();
                problem = null;
                return pipeline;
            } catch (KafkaException | IllegalStateException e) {
                if (!kafkaRelated(e)) {
                    throw e;
                }
                problem = "cannot start the roles (attempt " + attempt + "): " + reason(e) + "; retrying in "
                        + delay.toSeconds() + " s";
                LOG.warn("cannot start the roles against Kafka at {} (kafka.bootstrapServers, kafka.properties), attempt {}: {};"
                        + " retrying in {} s", bootstrapServers, attempt, reason(e), delay.toSeconds());
            }
            if (stop.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    /** Kafka's own exceptions, and the topic check's "cannot reach Kafka" (TopicProvisioner). */
    private static boolean kafkaRelated(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KafkaException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.util.concurrent.ExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? own : own + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
