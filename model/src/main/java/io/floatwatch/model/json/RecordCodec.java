package io.floatwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.observation.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Versioned JSON for the records on floatwatch topics: {@code {"schemaVersion":1, ...}}.
 *
 * <p>Fields may be added within a schema version (readers ignore unknown ones); anything
 * incompatible bumps the version, and a reader refuses versions newer than it knows so that a
 * half-upgraded deployment fails loudly instead of misreading records.
 */
public final class RecordCodec<T> {

    public static final int SCHEMA_VERSION = 1;
    static final String VERSION_FIELD = "schemaVersion";

    private static final RecordCodec<Observation> OBSERVATIONS = new RecordCodec<>(Observation.class);
    private static final RecordCodec<Finding> FINDINGS = new RecordCodec<>(Finding.class);
    private static final RecordCodec<Event> EVENTS = new RecordCodec<>(Event.class);

    private final Class<T> type;

    private RecordCodec(Class<T> type) {
        this.type = type;
    }

    public static RecordCodec<Observation> observations() {
        return OBSERVATIONS;
    }

    public static RecordCodec<Finding> findings() {
        return FINDINGS;
    }

    public static RecordCodec<Event> events() {
        return EVENTS;
    }

    public byte[] encode(T value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put(VERSION_FIELD, SCHEMA_VERSION);
        node.setAll((ObjectNode) Json.mapper().valueToTree(value));
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /** Decodes one record; a null or empty payload is a tombstone and decodes to null. */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RecordDecodingException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RecordDecodingException("not JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new RecordDecodingException("expected a JSON object, got " + node.getNodeType());
        }
        JsonNode version = object.remove(VERSION_FIELD);
        if (version == null || !version.canConvertToInt()) {
            throw new RecordDecodingException("missing or non-integer '" + VERSION_FIELD + "'");
        }
        if (version.intValue() > SCHEMA_VERSION || version.intValue() < 1) {
            throw new RecordDecodingException("schemaVersion " + version.intValue() + " is not supported (this build reads 1.."
                    + SCHEMA_VERSION + "); upgrade floatwatch");
        }
        try {
            T value = Json.mapper().treeToValue(object, type);
            if (value == null) {
                throw new RecordDecodingException("empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String why = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new RecordDecodingException("invalid " + type.getSimpleName() + ": " + why, e);
        }
    }
}
