package io.floatwatch.testkit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (combined broker and controller) running in this JVM, listening on
 * 127.0.0.1 only: the broker of the demo and of the tests where Docker does not run.
 *
 * <p>It is the {@link RestartableKafkaBroker}'s server, started once. It used to come from Kafka's
 * own test kit (kafka-test-common-runtime), but from Kafka 4.4 that kit needs the kafka-clients
 * {@code test} jar, which is published only up to 4.3.1; starting the server directly needs nothing
 * beyond kafka-server.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final RestartableKafkaBroker server;

    private EmbeddedKafkaBroker(RestartableKafkaBroker server) {
        this.server = server;
    }

    public static EmbeddedKafkaBroker start() {
        long started = System.nanoTime();
        try {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(RestartableKafkaBroker.start());
            LOG.info("embedded KRaft broker ready at {} in {} ms", broker.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return broker;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    @Override
    public String kind() {
        return "embedded-kraft";
    }

    @Override
    public void close() {
        server.close();
    }
}
