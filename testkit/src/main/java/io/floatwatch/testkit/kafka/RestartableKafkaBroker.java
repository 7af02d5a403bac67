package io.floatwatch.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker that can be stopped and started again on the same ports with the
 * same log directory, so clients reconnect to the address they know and find their topics,
 * offsets, transactions and changelogs where they left them: a broker restart as an operator
 * would do it. {@link EmbeddedKafkaBroker} is this server, started once.
 *
 * <p>Loopback only. The ports are chosen free once, at creation, and kept.
 */
public final class RestartableKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(RestartableKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    private RestartableKafkaBroker(Path logDir, int brokerPort, int controllerPort) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory and starts the broker. */
    public static RestartableKafkaBroker start() {
        TestTier.refuseBrokerInUnitTier();
        try {
            Path dir = Files.createTempDirectory("floatwatch-kafka-restartable-");
            RestartableKafkaBroker broker = new RestartableKafkaBroker(dir, freePort(), freePort());
            broker.format();
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory", e);
        }
    }

    /** Starts the broker after {@link #stop()}; same ports, same data. */
    public synchronized void startAgain() {
        if (server != null) {
            throw new IllegalStateException("already running");
        }
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(config()), Time.SYSTEM);
        s.startup();
        server = s;
        LOG.info("restartable KRaft broker up at {} in {} ms (log dir {})", bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000, logDir);
    }

    /** A clean shutdown (controlled, as in a rolling restart); clients see the broker go away. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("restartable KRaft broker stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    @Override
    public String kind() {
        return "restartable-kraft";
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("restartable broker did not stop cleanly: {}", e.toString());
        }
        deleteQuietly(logDir);
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: internal topics cannot have more replicas than that.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "3");
        // Simulations stamp records with a scaled clock that runs ahead of the wall clock; the
        // default (1 h ahead at most) would reject a long compressed replay.
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        // Shutdown should not wait out the default 30 s controlled-shutdown dance of a one-node cluster.
        p.put("controlled.shutdown.enable", "false");
        return p;
    }

    private void format() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(captured, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format " + logDir + ": " + e.getMessage() + " " + captured, e);
        }
        LOG.debug("kafka format: {}", captured.toString(StandardCharsets.UTF_8).trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }
}
