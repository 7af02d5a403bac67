package io.floatwatch.analyzer.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import io.floatwatch.model.json.IsoInstant;
import io.floatwatch.model.json.Json;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Restamp;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes a record as {@link ObservationReader} does, without decoding it when it repeats the
 * last record of its key but for the top-level {@code observedAt}: what collectors publish most
 * (every resource after a collector restart, every inventory), and what decoding cost most of the
 * analyzer's own time per record.
 *
 * <p>Why that is the same answer: the new bytes equal the remembered ones except for the contents
 * of the top-level observedAt string, which hold no quote or escape. A JSON parser's state depends
 * only on the bytes it has read, so both records parse token for token alike except for that one
 * string value, and the new observation is the remembered one with observedAt read from that string
 * by the same deserializer. Only records the streaming path decoded are remembered (schemaVersion
 * first, no duplicate key), and only when that deserializer gives back the remembered observedAt;
 * anything else goes to {@link ObservationReader}. Costs a copy of each resource's last record
 * (about 600 bytes) on the heap.
 */
final class RepeatedRecords {

    private static final ObjectReader INSTANT = Json.mapper().readerFor(Instant.class);
    private static final byte[] OBSERVED_AT = "observedAt".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * A remembered record: its bytes, where its observedAt contents start and end, and what it
     * decoded to. Updated in place by a repeat whose time has the same length, so that the
     * remembered bytes do not turn over (and into old-generation garbage) with every round.
     */
    private static final class Seen {
        byte[] bytes;
        final int atStart;
        int atEnd;
        Observation observation;

        Seen(byte[] bytes, int atStart, int atEnd, Observation observation) {
            this.bytes = bytes;
            this.atStart = atStart;
            this.atEnd = atEnd;
            this.observation = observation;
        }

        byte[] bytes() {
            return bytes;
        }

        int atStart() {
            return atStart;
        }

        int atEnd() {
            return atEnd;
        }

        Observation observation() {
            return observation;
        }
    }

    private final Map<String, Seen> byKey = new HashMap<>();
    private long repeats;
    private long decodes;
    private boolean lastRepeated;

    /** The observation in {@code bytes} (null for a tombstone); throws as {@link ObservationReader#decode} does. */
    Observation decode(String key, byte[] bytes) {
        Seen seen = key == null ? null : byKey.get(key);
        if (seen != null && bytes != null) {
            Observation repeated = repeat(seen, key, bytes);
            if (repeated != null) {
                repeats++;
                lastRepeated = true;
                return repeated;
            }
        }
        decodes++;
        lastRepeated = false;
        Observation streamed = bytes == null || bytes.length == 0 ? null : ObservationReader.streaming(bytes);
        if (streamed != null && key != null) {
            remember(key, bytes, streamed);
            return streamed;
        }
        // A tombstone, or a record only RecordCodec reads (or refuses): never remembered.
        forget(key);
        return ObservationReader.decode(bytes);
    }

    /**
     * Whether the last {@link #decode} returned a repeat: the record equals the last one of its key
     * but for observedAt, so whatever kept that one holds this content already.
     */
    boolean lastRepeated() {
        return lastRepeated;
    }

    void forget(String key) {
        if (key != null) {
            byKey.remove(key);
        }
    }

    long repeats() {
        return repeats;
    }

    long decodes() {
        return decodes;
    }

    private Observation repeat(Seen seen, String key, byte[] bytes) {
        byte[] old = seen.bytes();
        int start = seen.atStart();
        if (bytes.length < start || !Arrays.equals(bytes, 0, start, old, 0, start)) {
            return null;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '"') {
            if (bytes[end] == '\\') {
                return null;
            }
            end++;
        }
        if (end >= bytes.length || !Arrays.equals(bytes, end, bytes.length, old, seen.atEnd(), old.length)) {
            return null;
        }
        Observation now;
        if (Arrays.equals(bytes, start, end, old, start, seen.atEnd())) {
            now = seen.observation();
        } else {
            Instant at = instant(bytes, start, end);
            now = at == null ? null : Restamp.of(seen.observation(), at);
            if (now == null) {
                return null;
            }
        }
        if (end - start == seen.atEnd() - start) {
            System.arraycopy(bytes, start, old, start, end - start);
        } else {
            seen.bytes = bytes.clone();
            seen.atEnd = end;
        }
        seen.observation = now;
        return now;
    }

    private void remember(String key, byte[] bytes, Observation observation) {
        int start = observedAtContents(bytes);
        if (start < 0) {
            forget(key);
            return;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '"') {
            if (bytes[end] == '\\') {
                forget(key);
                return;
            }
            end++;
        }
        if (end >= bytes.length || observation.observedAt() == null
                || !observation.observedAt().equals(instant(bytes, start, end))) {
            forget(key);
            return;
        }
        // A copy: the record's own array may be held elsewhere (a store, a forwarded record), and
        // repeats write into this one.
        byKey.put(key, new Seen(bytes.clone(), start, end, observation));
    }

    /** Where the contents of the top-level observedAt string start, or -1 (only for records the streaming path reads). */
    private static int observedAtContents(byte[] bytes) {
        try (JsonParser p = Json.mapper().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"schemaVersion".equals(p.currentName())) {
                return -1;
            }
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean observedAt = "observedAt".equals(p.currentName());
                t = p.nextToken();
                if (observedAt) {
                    if (t != JsonToken.VALUE_STRING) {
                        return -1;
                    }
                    int quote = (int) p.currentTokenLocation().getByteOffset();
                    return quote >= 0 && quote < bytes.length && bytes[quote] == '"' && nameBefore(bytes, quote) ? quote + 1 : -1;
                }
                p.skipChildren();
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether the key right before the value at {@code quote} is {@code "observedAt"} (no whitespace, as writers put it). */
    private static boolean nameBefore(byte[] bytes, int quote) {
        int colon = quote - 1;
        int nameEnd = colon - 1;
        int nameStart = nameEnd - OBSERVED_AT.length;
        return nameStart > 0 && bytes[colon] == ':' && bytes[nameEnd] == '"' && bytes[nameStart - 1] == '"'
                && Arrays.equals(bytes, nameStart, nameEnd, OBSERVED_AT, 0, OBSERVED_AT.length);
    }

    private static Instant instant(byte[] bytes, int start, int end) {
        // Straight from the bytes first: creating a JSON parser for one string cost as much as reading it.
        Instant strict = IsoInstant.parse(bytes, start, end);
        if (strict != null) {
            return strict;
        }
        try {
            return INSTANT.readValue(bytes, start - 1, end - start + 2);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
