package io.floatwatch.app;

import java.nio.file.Path;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The options of {@code floatwatch all} that put a Kafka broker into the process. */
final class EmbeddedKafkaOptions {

    @Option(names = "--embedded-kafka", paramLabel = "DIR", description = "Run a single-node Kafka broker (KRaft) in this "
            + "process: its log in DIR/kafka, the analyzer's state in DIR/streams. A restart with the same DIR keeps every "
            + "state and pages nothing twice. Replaces kafka.bootstrapServers; creates the topics with one replica.")
    Path dir;

    @Option(names = "--embedded-kafka-port", paramLabel = "PORT", description = "Client port of the embedded broker, on "
            + "127.0.0.1 only (default: 9092 when free, else a free port, which the log names)")
    Integer port;

    boolean enabled() {
        return dir != null;
    }

    OptionalInt requestedPort() {
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }
}
