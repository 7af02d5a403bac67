package io.floatwatch.standalone;

import io.floatwatch.app.StartupProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The broker's log directory, formatted once as {@code kafka-storage format} would (a cluster id of its own,
 * node 1) and reused as it is on every later start: reformatting would give the broker a new cluster and lose
 * every topic, offset and transaction.
 */
final class KafkaLogDirectory {

    static final String META = "meta.properties";

    private final Path path;
    private final String clusterId;
    private final boolean formattedNow;

    private KafkaLogDirectory(Path path, String clusterId, boolean formattedNow) {
        this.path = path;
        this.clusterId = clusterId;
        this.formattedNow = formattedNow;
    }

    /** The directory as found, or formatted when it holds no broker yet. */
    static KafkaLogDirectory formatIfNew(Path path) {
        String existing = clusterIdIn(path);
        if (existing != null) {
            return new KafkaLogDirectory(path, existing, false);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try {
            Files.createDirectories(path);
            new Formatter()
                    .setPrintStream(new PrintStream(said, true, StandardCharsets.UTF_8))
                    .setNodeId(SingleNodeKafkaConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(path.toString()))
                    .setMetadataLogDirectory(path.toString())
                    .setControllerListenerName(SingleNodeKafkaConfig.CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new StartupProblem("--embedded-kafka: cannot format the broker's log directory " + path + ": "
                    + e.getMessage() + " " + said.toString(StandardCharsets.UTF_8).trim()
                    + "; if it holds files of something else, give floatwatch a directory of its own", e);
        }
        return new KafkaLogDirectory(path, clusterId, true);
    }

    /** The cluster id written when the directory was formatted, or null when it was not. */
    static String clusterIdIn(Path path) {
        Path meta = path.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new StartupProblem("--embedded-kafka: cannot read " + meta + " (" + e.getMessage() + ")", e);
        }
        String id = p.getProperty("cluster.id");
        String node = p.getProperty("node.id");
        if (id == null || id.isBlank() || !String.valueOf(SingleNodeKafkaConfig.NODE_ID).equals(node)) {
            throw new StartupProblem("--embedded-kafka: " + meta + " is not of a floatwatch broker (cluster.id " + id
                    + ", node.id " + node + "); give floatwatch a directory of its own", null);
        }
        return id;
    }

    Path path() {
        return path;
    }

    String clusterId() {
        return clusterId;
    }

    boolean formattedNow() {
        return formattedNow;
    }
}
