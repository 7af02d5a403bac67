package io.floatwatch.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    /** jsr310 alone, without {@link InstantReader}: what the strict path must agree with. */
    private static final ObjectReader JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build()
            .readerFor(Instant.class);
    private static final ObjectReader OURS = Json.mapper().readerFor(Instant.class);

    private static Instant strict(String text) {
        byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        return IsoInstant.parse(bytes, 1, bytes.length - 1);
    }

    private static Instant jackson(String text) {
        return read(JACKSON, "\"" + text + "\"") instanceof Instant i ? i : null;
    }

    /** The value, or the error's message. */
    private static Object read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    @Test
    void shouldReadWhatTheWritersWriteAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant expected = Instant.ofEpochSecond(seconds, nanos);
            String text = Json.mapper().valueToTree(expected).asText();
            assertThat(strict(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void shouldReadAnyNumberOfFractionDigitsAsInstantParseDoes() {
        for (String text : List.of("2026-11-23T12:00:05.1Z", "2026-11-23T12:00:05.12Z", "2026-11-23T12:00:05.1234Z",
                "2026-11-23T12:00:05.12345678Z", "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z")) {
            assertThat(strict(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldLeaveEveryOtherFormToTheGeneralReader() {
        for (String text : List.of("2026-11-23t12:00:05z", "2026-11-23T12:00:05+01:00", "2026-11-23T23:59:60Z",
                "2025-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-11-31T12:00:00Z", "2026-11-23T24:00:00Z",
                "2026-11-23T12:60:00Z", "+12026-11-23T12:00:05Z", "2026-11-23T12:00:05.Z", "2026-11-23T12:00:05.1234567891Z",
                "2026-11-23 12:00:05Z", "2026-11-23T12:00Z", "1700000000", "2026-11-2xT12:00:05Z", "")) {
            assertThat(strict(text)).as(text).isNull();
        }
    }

    @Test
    void shouldNeverAnswerOtherThanJacksonForAnyMutationOfAValidTime() {
        Random random = new Random(11);
        byte[] alphabet = "0123456789-:.TZtz+ ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder("2026-11-23T12:00:05.123Z");
            for (int m = random.nextInt(3); m >= 0; m--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, (char) alphabet[random.nextInt(alphabet.length)]);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.insert(at, (char) alphabet[random.nextInt(alphabet.length)]);
                }
            }
            Instant strict = strict(text.toString());
            if (strict != null) {
                assertThat(strict).as(text.toString()).isEqualTo(jackson(text.toString()));
            }
            String json = "\"" + text + "\"";
            assertThat(read(OURS, json)).as(json).isEqualTo(read(JACKSON, json));
        }
    }

    @Test
    void shouldLeaveNumbersNullsAndErrorsToJsr310() {
        for (String json : List.of("1700000000", "1700000000.5", "\"1700000000\"", "null", "\"yesterday\"", "[1,2]", "{}", "true")) {
            assertThat(read(OURS, json)).as(json).isEqualTo(read(JACKSON, json));
        }
    }
}
