package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A repeat that is not decoded must decode to exactly what decoding it would give, whatever the bytes. */
class RepeatedRecordsTest {

    private static final String KEY = SCOPE.id() + "/rtb-1";

    private static String json(Observation o) {
        return new String(RecordCodec.observations().encode(o), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReturnTheRememberedObservationAtTheNewTimeWhenOnlyObservedAtChanged() {
        RepeatedRecords records = new RepeatedRecords();
        records.decode(KEY, RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(0))));

        Observation later = records.decode(KEY, RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(1))));
        Observation same = records.decode(KEY, RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(1))));

        assertThat(later).isEqualTo(table("rtb-1", PREFERRED, minutes(1)));
        assertThat(same).isSameAs(later);
        assertThat(records.repeats()).isEqualTo(2);
        assertThat(records.decodes()).isEqualTo(1);
    }

    @Test
    void shouldDecodeWhenAnythingButObservedAtChangedOrTheRecordIsNotAPlainRepeat() {
        String base = json(table("rtb-1", PREFERRED, minutes(0)));
        String at = "2025-03-01T09:00:00Z";
        List<String> variants = List.of(
                json(table("rtb-1", "eni-0c", minutes(0))),
                json(table("rtb-1", PREFERRED, minutes(0.5))),
                base.replace(at, "2025-03-01T09:00:00.250Z"),
                base.replace(at, "2025-03-01T18:00:00+09:00"),
                base.replace(at, "2025-03-01T09:00:00\\u005A"),
                base.replace(at, "not a time"),
                base.replace(at, ""),
                base.replace("\"observedAt\":\"" + at + "\"", "\"observedAt\":12345"),
                base.replace("}", ",\"observedAt\":\"2030-01-01T00:00:00Z\"}"),
                base.substring(0, base.length() - 1) + ",\"observedAt\":\"2030-01-01T00:00:00Z\"}",
                base.replace("\"scope\":{", "\"scope\":{\"observedAt\":\"2030-01-01T00:00:00Z\","),
                base.replace(at, "2025-03-01T09:00:00Z\",\"observedAt\":\"2031-01-01T00:00:00Z"),
                base + " ",
                "",
                "{\"schemaVersion\":99" + base.substring(base.indexOf(',')));
        for (String v : variants) {
            RepeatedRecords records = new RepeatedRecords();
            records.decode(KEY, base.getBytes(StandardCharsets.UTF_8));
            assertSameOutcome(records, v.getBytes(StandardCharsets.UTF_8));
            // and again, now that the variant may be the remembered one
            assertSameOutcome(records, base.replace(at, "2025-03-01T09:07:00Z").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldNeverRememberARecordWithADuplicateKey() {
        String base = json(table("rtb-1", PREFERRED, minutes(0)));
        String at = "2025-03-01T09:00:00Z";
        // Both observedAt fields equal: RecordCodec reads it (last one wins), the streaming path refuses it.
        String twice = base.substring(0, base.length() - 1) + ",\"observedAt\":\"" + at + "\"}";
        RepeatedRecords records = new RepeatedRecords();
        assertSameOutcome(records, twice.getBytes(StandardCharsets.UTF_8));
        // Only the first one moved: decoding keeps the last one's time; a repeat would have taken the first.
        String firstMoved = twice.replaceFirst(at, "2025-03-01T09:09:00Z");
        assertSameOutcome(records, firstMoved.getBytes(StandardCharsets.UTF_8));
        assertThat(records.repeats()).isZero();
    }

    @Test
    void shouldGiveWhatDecodingGivesWhenRepeatsAreMangled() {
        Random random = new Random(11);
        List<Observation> seeds = List.of(table("rtb-1", PREFERRED, minutes(0)), fileSystem(minutes(0)),
                eni(PREFERRED, "subnet-1a", minutes(0)), poll(minutes(2)),
                new RouteTableObservation(SCOPE, minutes(3), "rtb-1", "vpc-1", false, List.of(),
                        List.of(new Route("10.0.255.231/32", PREFERRED, Route.ACTIVE, "CreateRoute")),
                        Map.of("observedAt", "2025-03-01T09:00:00Z")));
        byte[] alphabet = "{}[]\":,0123456789 -.:TZaeknrtuS\\".getBytes(StandardCharsets.UTF_8);
        long repeats = 0;
        for (int i = 0; i < 5_000; i++) {
            Observation seed = seeds.get(i % seeds.size());
            RepeatedRecords records = new RepeatedRecords();
            records.decode(KEY, RecordCodec.observations().encode(seed));
            byte[] bytes = RecordCodec.observations().encode(seed);
            int at = new String(bytes, StandardCharsets.UTF_8).indexOf("observedAt") + 13;
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                // Mostly inside or around observedAt, where a repeat is decided; sometimes anywhere.
                int where = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : Math.min(bytes.length - 1,
                        Math.max(0, at - 3 + random.nextInt(28)));
                switch (random.nextInt(3)) {
                    case 0 -> bytes[where] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, where);
                        System.arraycopy(bytes, where + 1, shorter, where, bytes.length - where - 1);
                        bytes = shorter;
                    }
                    default -> {
                        byte[] longer = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, longer, 0, where);
                        longer[where] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(bytes, where, longer, where + 1, bytes.length - where);
                        bytes = longer;
                    }
                }
            }
            assertSameOutcome(records, bytes);
            repeats += records.repeats();
        }
        assertThat(repeats).as("mangled times that still parse are taken as repeats").isGreaterThan(50);
    }

    private static void assertSameOutcome(RepeatedRecords records, byte[] bytes) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        assertThat(outcome(() -> records.decode(KEY, copy))).as(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(outcome(() -> ObservationReader.decode(bytes)));
    }

    private static Object outcome(Supplier<Observation> decode) {
        List<Object> out = new ArrayList<>();
        try {
            out.add(decode.get());
        } catch (RecordDecodingException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }
}
