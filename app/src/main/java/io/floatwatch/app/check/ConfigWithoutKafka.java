package io.floatwatch.app.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config as {@code check} reads it: the same loader and validation as every role, except that
 * {@code kafka.bootstrapServers} may be left out, because a check never talks to Kafka. A file that has one
 * is read exactly as the roles read it.
 */
public final class ConfigWithoutKafka {

    /** Stands in for a missing bootstrapServers; nothing connects to it (a .invalid name never resolves). */
    static final String UNUSED = "no-kafka-for-check.invalid:9092";

    /** Strict about duplicate keys like the loader, so a duplicate is never lost by writing the tree back. */
    private static final YAMLMapper TREE = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigWithoutKafka() {
    }

    public static RuntimeConfig load(Path file) {
        JsonNode root;
        try {
            root = TREE.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            // Unreadable, not YAML, or a duplicate key: the loader words that, with the path and line.
            return ConfigLoader.load(file);
        }
        if (!(root instanceof ObjectNode object)) {
            return ConfigLoader.load(file);
        }
        JsonNode kafka = object.get("kafka");
        JsonNode servers = kafka == null ? null : kafka.get("bootstrapServers");
        if (servers != null && !servers.isNull()) {
            return ConfigLoader.load(file);
        }
        ObjectNode withKafka = kafka instanceof ObjectNode k ? k : object.putObject("kafka");
        withKafka.put("bootstrapServers", UNUSED);
        try {
            return ConfigLoader.parse(TREE.writeValueAsString(object), file.toString());
        } catch (IOException e) {
            return ConfigLoader.load(file);
        }
    }
}
