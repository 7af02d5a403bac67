package io.floatwatch.standalone;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker's configuration: one KRaft node that is its own controller, on 127.0.0.1 only, for floatwatch's
 * topics and nothing else. Kafka's defaults stand unless a line says why not.
 */
final class SingleNodeKafkaConfig {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String CONTROLLER = "CONTROLLER";

    private SingleNodeKafkaConfig() {
    }

    static Properties of(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static one-voter quorum: the controller's address is read from here on every start, never
        // stored in the log, so its port may differ from one start to the next.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER);
        // Loopback only: nothing outside this machine can reach the broker, and nothing needs to.
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + CONTROLLER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // One node holds one replica of everything, the internal topics included.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // A handful of groups and one transactional analyzer: Kafka's 50 partitions each would only slow the start.
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.num.partitions", "8");

        // The roles create floatwatch's topics with their cleanup policies (TopicProvisioner); a typo'd topic
        // name must fail, not appear.
        p.put("auto.create.topics.enable", "false");
        // The only members of each group start together in this process: no reason to wait for more.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Compaction never touches the active segment. Kafka's 1 GiB segments would leave the compacted
        // observation and finding topics uncompacted for about a week (log.roll.hours, 168) at the size of an
        // ordinary estate; a segment a day keeps them at one record per key plus a day's changes.
        p.put("log.roll.hours", "24");
        p.put("log.segment.bytes", String.valueOf(128 * 1024 * 1024));
        // The cleaner's key map is taken from this process's heap: 16 MiB holds the latest offset of about
        // 700,000 keys per pass, more than a 50,000-table estate has (the default 128 MiB would sit unused).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // Flushing stays Kafka's default: the page cache, flushed by the operating system. A killed process
        // loses nothing; a machine that loses power may lose the last seconds of records, which the collector
        // publishes again at its next poll.
        // A one-node controlled shutdown has no other broker to hand leadership to; it would only wait.
        p.put("controlled.shutdown.enable", "false");
        return p;
    }
}
