package io.floatwatch.collector.publish;

import io.floatwatch.model.observation.SameContent;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.observation.Observation;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector's encoder and change check against RecordCodec and the JSON they stand for, on
 * every kind of observation (built from the record components, so a new kind is covered by itself),
 * with every field set and with every nullable one null.
 */
class ObservationEncoderTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:30.123Z");

    @Test
    void shouldWriteTheBytesRecordCodecWritesWhenEncodingAnyKindOfObservation() {
        for (Observation o : samples()) {
            assertThat(new String(ObservationEncoder.encode(o))).as(o.getClass().getSimpleName())
                    .isEqualTo(new String(RecordCodec.observations().encode(o)));
            assertThat(RecordCodec.observations().decode(ObservationEncoder.encode(o))).isEqualTo(o);
        }
    }

    @Test
    void shouldTellChangedContentFromAMereNewObservedAtWhenComparingObservations() throws Exception {
        for (Observation o : samples()) {
            Observation later = build(o.getClass(), AT.plusSeconds(30), false, "");
            Observation other = build(o.getClass(), AT, false, "-changed");
            assertThat(SameContent.of(o, build(o.getClass(), AT.plusSeconds(30), hasNulls(o), ""))).as(o.getClass().getSimpleName())
                    .isTrue();
            if (!hasNulls(o)) {
                assertThat(SameContent.of(o, later)).isTrue();
                assertThat(SameContent.of(o, other)).as(o.getClass().getSimpleName()).isFalse();
            }
        }
        assertThat(SameContent.of(samples().get(0), null)).isFalse();
    }

    private static boolean hasNulls(Observation o) {
        return o.toString().contains("=null");
    }

    @SuppressWarnings("unchecked")
    private static List<Observation> samples() {
        List<Observation> out = new ArrayList<>();
        for (Class<?> kind : Observation.class.getPermittedSubclasses()) {
            try {
                out.add(build((Class<? extends Observation>) kind, AT, false, ""));
                out.add(build((Class<? extends Observation>) kind, AT, true, ""));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build a " + kind, e);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T build(Class<T> type, Instant at, boolean nulls, String suffix) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            args[i] = value(c.getName(), c.getGenericType(), at, nulls, suffix);
        }
        Constructor<T> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
    }

    private static Object value(String name, Type type, Instant at, boolean nulls, String suffix)
            throws ReflectiveOperationException {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (name.equals("scope")) {
            return new Scope("123456789012", "ap-northeast-1");
        }
        if (name.equals("observedAt")) {
            return at;
        }
        if (raw == int.class) {
            return 7 + suffix.length();
        }
        if (raw == long.class) {
            return 9L + suffix.length();
        }
        if (raw == boolean.class) {
            return suffix.isEmpty();
        }
        if (nulls) {
            return null;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[suffix.length() % constants.length];
        }
        if (raw == String.class) {
            return name + "-1" + suffix;
        }
        if (raw == Instant.class) {
            return AT.minusSeconds(3600 + suffix.length());
        }
        if (raw == Integer.class) {
            return 200 + suffix.length();
        }
        if (raw == Long.class) {
            return 65000L + suffix.length();
        }
        if (raw == Double.class) {
            return 1.0 - suffix.length() * 0.5;
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(value(name, element, at, false, suffix), value(name + "2", element, at, false, ""));
        }
        if (raw == Map.class) {
            return Map.of("Name", "app" + suffix, "team", "storage");
        }
        if (raw.isRecord()) {
            return build(raw, at, false, suffix);
        }
        throw new AssertionError("no sample for " + type + " " + name);
    }
}
