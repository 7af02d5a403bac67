package io.floatwatch.app;

import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code floatwatch all --embedded-kafka DIR}: starts the broker of the floatwatch-standalone artifact and points
 * every role at it. Everything floatwatch keeps lives under DIR, so a restart on the same DIR finds its topics,
 * the alerter's committed offsets (what was already paged) and the analyzer's state where it left them.
 */
final class EmbeddedKafkaMode {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaMode.class);
    /** Client settings for a secured cluster: the embedded broker listens in plain text on loopback only. */
    private static final List<String> CLUSTER_ONLY_PREFIXES = List.of("security.", "sasl.", "ssl.");

    private EmbeddedKafkaMode() {
    }

    static EmbeddedKafka start(EmbeddedKafkaOptions options) {
        EmbeddedKafka.Launcher launcher = EmbeddedKafka.launcher().orElseThrow(() -> new StartupProblem(
                "--embedded-kafka: this artifact carries no Kafka broker (the production image runs against a Kafka"
                        + " cluster); run it with ./floatwatch or standalone/target/floatwatch-standalone.jar, or set"
                        + " kafka.bootstrapServers and drop --embedded-kafka", null));
        Path dir = options.dir.toAbsolutePath().normalize();
        LOG.info("embedded Kafka starting: single-node KRaft, state in {}", dir);
        long t0 = System.nanoTime();
        EmbeddedKafka broker = launcher.start(dir, options.requestedPort());
        LOG.info("embedded Kafka started at {} in {} ms: cluster id {} ({}), log in {}", broker.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000, broker.clusterId(),
                broker.formattedNow() ? "formatted now" : "reused", broker.logDir());
        return broker;
    }

    /** The analyzer's Kafka Streams state beside the broker's log, so a restart restores from disk, not the changelogs. */
    static Path streamsDir(Path dir) {
        return dir.toAbsolutePath().normalize().resolve("streams");
    }

    /** {@code config} on the embedded broker, with a log line for every setting of the file it overrides. */
    static RuntimeConfig onEmbeddedBroker(RuntimeConfig config, String servers, Path dir) {
        List<String> notes = new ArrayList<>();
        RuntimeConfig adapted = adapt(config, servers, dir, notes);
        notes.forEach(LOG::info);
        return adapted;
    }

    static RuntimeConfig adapt(RuntimeConfig config, String servers, Path dir, List<String> notes) {
        if (config.bootstrapServers() != null) {
            notes.add("kafka.bootstrapServers (" + config.bootstrapServers() + ") is not used: --embedded-kafka runs the"
                    + " broker at " + servers);
        }
        Map<String, String> kept = new TreeMap<>();
        List<String> dropped = new ArrayList<>();
        config.kafkaProperties().forEach((key, value) -> {
            if (CLUSTER_ONLY_PREFIXES.stream().anyMatch(key::startsWith)) {
                dropped.add(key);
            } else {
                kept.put(key, value);
            }
        });
        if (!dropped.isEmpty()) {
            notes.add("kafka.properties " + dropped.stream().sorted().toList() + " are not used: the embedded broker"
                    + " speaks plain text on 127.0.0.1 only");
        }
        Path streams = streamsDir(dir);
        if (!config.analyzer().stateDir().equals(streams)) {
            notes.add("analyzer.stateDir (" + config.analyzer().stateDir() + ") is not used: the analyzer keeps its state in "
                    + streams + " beside the broker");
        }
        return config.withKafka(servers, kept).withAnalyzerStateDir(streams);
    }
}
