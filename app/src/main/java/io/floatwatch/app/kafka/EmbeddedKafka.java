package io.floatwatch.app.kafka;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;

/**
 * A single-node Kafka broker running in this process, for {@code floatwatch all --embedded-kafka DIR}.
 *
 * <p>The broker itself (Kafka's server, Scala) is not in this module: the production image runs
 * against a Kafka cluster and stays lean, so the broker lives in the floatwatch-standalone artifact,
 * which provides a {@link Launcher} through {@link ServiceLoader}. Without it on the classpath,
 * {@link #launcher()} is empty and the command says which artifact to run.
 */
public interface EmbeddedKafka extends AutoCloseable {

    /** {@code 127.0.0.1:port} of the broker's client listener. */
    String bootstrapServers();

    /** The KRaft cluster id, written into the directory when it was formatted and kept across restarts. */
    String clusterId();

    /** Whether this start formatted an empty directory (false: it reused the state of an earlier run). */
    boolean formattedNow();

    /** Where the broker's log lives. */
    Path logDir();

    /** Stops the broker cleanly (it flushes and writes its clean-shutdown marker). */
    @Override
    void close();

    /** Starts a broker whose state lives under a directory. */
    interface Launcher {

        /**
         * @param dir  the directory floatwatch keeps its state in; the broker's log goes in {@code dir/kafka}
         * @param port the client listener port, or empty for 9092 when free (else any free port)
         * @throws io.floatwatch.app.StartupProblem when the directory is in use or cannot be written,
         *         or the requested port is taken
         */
        EmbeddedKafka start(Path dir, OptionalInt port);
    }

    /** The broker this artifact carries, if any. */
    static Optional<Launcher> launcher() {
        return ServiceLoader.load(Launcher.class).findFirst();
    }
}
