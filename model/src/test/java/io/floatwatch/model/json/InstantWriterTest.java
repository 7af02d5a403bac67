package io.floatwatch.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantWriterTest {

    /** jsr310 alone, configured as {@link Json} is: what {@link InstantWriter} must write, to the character. */
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static void assertWrittenAsJsr310Does(Instant instant) throws Exception {
        assertThat(Json.mapper().writeValueAsString(instant)).as("%s", instant).isEqualTo(JACKSON.writeValueAsString(instant));
    }

    @Test
    void shouldWriteEveryInstantOfYears0000To9999AsJsr310Does() throws Exception {
        Random random = new Random(23);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first + 1));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            assertWrittenAsJsr310Does(Instant.ofEpochSecond(second, nanos));
        }
    }

    @Test
    void shouldWriteTheEdgesOfDaysYearsAndTheRangeAsJsr310Does() throws Exception {
        for (String text : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.000001Z", "1900-03-01T00:00:00Z", "2026-11-23T16:30:27.100Z",
                "2024-12-31T23:59:59Z", "2100-02-28T23:59:59.000000100Z")) {
            assertWrittenAsJsr310Does(Instant.parse(text));
        }
    }

    @Test
    void shouldLeaveYearsOutsideFourDigitsToJsr310() throws Exception {
        for (Instant instant : List.of(Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN, Instant.MAX)) {
            assertThat(IsoInstant.format(instant, new char[IsoInstant.LONGEST])).isEqualTo(-1);
            assertWrittenAsJsr310Does(instant);
        }
    }

    @Test
    void shouldWriteNumbersWhenAWriterAsksForTimestamps() throws Exception {
        Instant instant = Instant.parse("2026-11-23T16:30:27.123Z");
        assertThat(Json.mapper().writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant))
                .isEqualTo(JACKSON.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant))
                .isEqualTo("1795451427.123000000");
    }

    @Test
    void shouldWriteInstantsInsideValuesAsJsr310Does() throws Exception {
        Map<String, Object> value = Map.of("at", Instant.parse("2026-11-23T16:30:27.5Z"),
                "list", List.of(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(value)))
                .isEqualTo(JACKSON.readTree(JACKSON.writeValueAsString(value)));
    }
}
