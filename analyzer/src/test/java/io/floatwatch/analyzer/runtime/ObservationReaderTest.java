package io.floatwatch.analyzer.runtime;

import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.eni;
import static io.floatwatch.analyzer.core.Fixture.fileSystem;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.poll;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObservationReaderTest {

    private static List<Observation> samples() {
        return List.of(fileSystem(minutes(0)), eni(PREFERRED, "subnet-1a", minutes(0)), table("rtb-1", STANDBY, minutes(3)),
                poll(minutes(5)),
                new VpnConnectionObservation(SCOPE, minutes(1), "vpn-1", "available", "cgw-1", null, "tgw-1", false, List.of(),
                        List.of(new VpnConnectionObservation.Tunnel("203.0.113.1", "UP", "2 BGP ROUTES", minutes(0), 2,
                                "169.254.10.0/30", 65000L, null))),
                new TunnelStateObservation(SCOPE, minutes(2), "203.0.113.1", "vpn-1", 1.0, minutes(1)));
    }

    @Test
    void shouldDecodeWhatCollectorsWriteAsRecordCodecDoesWhenTheRecordIsValid() {
        for (Observation o : samples()) {
            assertThat(ObservationReader.decode(RecordCodec.observations().encode(o))).isEqualTo(o);
        }
        assertThat(ObservationReader.decode(null)).isNull();
        assertThat(ObservationReader.decode(new byte[0])).isNull();
    }

    @Test
    void shouldGiveRecordCodecsAnswerWhenTheVersionIsNotFirstOrNotOneOrRepeated() {
        String table = new String(RecordCodec.observations().encode(table("rtb-1", PREFERRED, minutes(0))), StandardCharsets.UTF_8);
        String body = table.substring(table.indexOf(',') + 1);
        List<String> variants = List.of(
                "{" + body.substring(0, body.length() - 1) + ",\"schemaVersion\":1}",
                "{\"schemaVersion\":99," + body,
                "{\"schemaVersion\":1.0," + body,
                "{\"schemaVersion\":\"1\"," + body,
                "{\"schemaVersion\":1," + body.substring(0, body.length() - 1) + ",\"schemaVersion\":99}",
                "{\"schemaVersion\":1}",
                "{\"schemaVersion\":1,\"kind\":\"Teapot\"}",
                "[1,2,3]",
                "<Response>not json</Response>");
        for (String v : variants) {
            assertSameOutcome(v.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldGiveRecordCodecsAnswerWhenRecordsAreMangled() {
        Random random = new Random(7);
        List<byte[]> seeds = new ArrayList<>();
        samples().forEach(o -> seeds.add(RecordCodec.observations().encode(o)));
        byte[] alphabet = "{}[]\":,01 -.aeknrtuS\\".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = seeds.get(i % seeds.size()).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
                    default -> {
                        byte[] longer = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, longer, 0, at);
                        longer[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                        bytes = longer;
                    }
                }
            }
            assertSameOutcome(bytes);
        }
    }

    private static void assertSameOutcome(byte[] bytes) {
        String input = new String(bytes, StandardCharsets.UTF_8);
        assertThat(outcome(() -> ObservationReader.decode(bytes))).as(input)
                .isEqualTo(outcome(() -> RecordCodec.observations().decode(bytes)));
    }

    private static Object outcome(java.util.function.Supplier<Observation> decode) {
        try {
            return decode.get();
        } catch (RecordDecodingException e) {
            return "error: " + e.getMessage();
        }
    }
}
