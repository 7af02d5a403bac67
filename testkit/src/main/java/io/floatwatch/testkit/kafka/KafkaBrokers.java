package io.floatwatch.testkit.kafka;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the real broker a test runs against: a Testcontainers broker where a Docker engine
 * answers, the embedded KRaft broker otherwise. {@code FLOATWATCH_TEST_KAFKA=embedded|container}
 * forces one.
 */
public final class KafkaBrokers {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokers.class);

    private KafkaBrokers() {
    }

    public static KafkaBroker start() {
        TestTier.refuseBrokerInUnitTier();
        String forced = System.getenv().getOrDefault("FLOATWATCH_TEST_KAFKA", "").toLowerCase(Locale.ROOT);
        boolean container = switch (forced) {
            case "container" -> true;
            case "embedded" -> false;
            default -> dockerAvailable();
        };
        KafkaBroker broker = container ? ContainerKafkaBroker.start() : EmbeddedKafkaBroker.start();
        LOG.info("test Kafka broker: {} at {}", broker.kind(), broker.bootstrapServers());
        return broker;
    }

    /** Testcontainers is optional on the classpath; without it, or without Docker, use the embedded broker. */
    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return DockerProbe.available();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept in its own class so that Testcontainers is loaded only after the check above. */
    private static final class DockerProbe {
        static boolean available() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
