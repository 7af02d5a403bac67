package io.floatwatch.app.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The report as JSON, for scripts: the report's records as they are, levels in lower case. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(ReadinessPolicy.Level.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(
                            ReadinessPolicy.Level.class) {
                        @Override
                        public void serialize(ReadinessPolicy.Level value, com.fasterxml.jackson.core.JsonGenerator gen,
                                com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                            gen.writeString(value.label());
                        }
                    }));

    private JsonReport() {
    }

    public static String render(ReadinessReport report) {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report did not serialize: " + e.getMessage(), e);
        }
    }
}
