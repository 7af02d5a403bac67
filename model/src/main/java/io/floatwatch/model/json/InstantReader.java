package io.floatwatch.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.nio.CharBuffer;
import java.time.Instant;

/**
 * Reads an {@link Instant} in the strict form the writers here produce through {@link IsoInstant},
 * and leaves every other input (another form, a number, an error) to jsr310's own deserializer, so
 * that what is accepted and what is refused, with which message, stays jsr310's. Every observation,
 * finding and state entry carries instants, and the formatter's parse was the largest single cost of
 * decoding one.
 */
final class InstantReader extends StdScalarDeserializer<Instant> {

    InstantReader() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            int from = p.getTextOffset();
            Instant strict = IsoInstant.parse(CharBuffer.wrap(p.getTextCharacters()), from, from + p.getTextLength());
            if (strict != null) {
                return strict;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
