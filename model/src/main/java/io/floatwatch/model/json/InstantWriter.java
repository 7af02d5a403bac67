package io.floatwatch.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an {@link Instant} as jsr310 writes it here ({@code 2026-11-23T12:00:05Z}), character for
 * character, through {@link IsoInstant#format}; a year outside 0000-9999, or a writer configured for
 * numeric timestamps, goes to jsr310's own serializer.
 */
final class InstantWriter extends StdScalarSerializer<Instant> {

    InstantWriter() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (!provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            char[] text = new char[IsoInstant.LONGEST];
            int length = IsoInstant.format(value, text);
            if (length > 0) {
                gen.writeString(text, 0, length);
                return;
            }
        }
        InstantSerializer.INSTANCE.serialize(value, gen, provider);
    }
}
