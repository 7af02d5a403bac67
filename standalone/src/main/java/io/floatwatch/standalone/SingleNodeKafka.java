package io.floatwatch.standalone;

import io.floatwatch.app.StartupProblem;
import io.floatwatch.app.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.OptionalInt;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A Kafka broker in this process: one KRaft node, broker and controller, whose log lives in {@code DIR/kafka}.
 * Started on an existing directory it is the same cluster again, with every topic, committed offset and
 * transaction of the run before, whether that run ended cleanly or was killed.
 */
final class SingleNodeKafka implements EmbeddedKafka {

    static final String LOG_DIR = "kafka";

    private final DirectoryLock lock;
    private final KafkaLogDirectory logDir;
    private final int clientPort;
    private KafkaRaftServer server;

    private SingleNodeKafka(DirectoryLock lock, KafkaLogDirectory logDir, int clientPort, KafkaRaftServer server) {
        this.lock = lock;
        this.logDir = logDir;
        this.clientPort = clientPort;
        this.server = server;
    }

    static SingleNodeKafka start(Path dir, OptionalInt port) {
        DirectoryLock lock = DirectoryLock.acquire(dir);
        KafkaRaftServer server = null;
        try {
            KafkaLogDirectory logDir = KafkaLogDirectory.formatIfNew(dir.resolve(LOG_DIR));
            int clientPort = ListenerPort.client(port);
            int controllerPort = ListenerPort.free();
            KafkaConfig config = KafkaConfig.fromProps(SingleNodeKafkaConfig.of(logDir.path(), clientPort, controllerPort));
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new SingleNodeKafka(lock, logDir, clientPort, server);
        } catch (RuntimeException e) {
            if (server != null) {
                stopQuietly(server);
            }
            lock.close();
            if (e instanceof StartupProblem) {
                throw e;
            }
            throw new StartupProblem("--embedded-kafka " + dir + ": the broker did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return SingleNodeKafkaConfig.HOST + ":" + clientPort;
    }

    @Override
    public String clusterId() {
        return logDir.clusterId();
    }

    @Override
    public boolean formattedNow() {
        return logDir.formattedNow();
    }

    @Override
    public Path logDir() {
        return logDir.path();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            lock.close();
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // already failing to start; the start's error is the one to report
        }
    }

    /** Found by {@link EmbeddedKafka#launcher()} through META-INF/services. */
    public static final class Launcher implements EmbeddedKafka.Launcher {

        @Override
        public EmbeddedKafka start(Path dir, OptionalInt port) {
            return SingleNodeKafka.start(dir, port);
        }
    }
}
