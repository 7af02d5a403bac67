package io.floatwatch.testkit.kafka;

/** A real Kafka broker for tests and the demo: embedded KRaft, or a container where Docker runs. */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** What kind of broker this is, for logs: {@code embedded-kraft} or {@code testcontainers}. */
    String kind();

    @Override
    void close();
}
