package io.floatwatch.model.observation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An observation equal to another but for {@code observedAt}: what the analyzer makes of a record
 * that repeats its key's last one but for the time, without decoding it again. Through the record's
 * canonical constructor, so every component is carried over, and by method handles, as {@link
 * SameContent} does, since it runs for nearly every republished record.
 */
public final class Restamp {

    private static final Map<Class<?>, Optional<Shape>> SHAPES = new ConcurrentHashMap<>();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private Restamp() {
    }

    /** {@code observation} observed at {@code at}, or null when its type is not a record with an Instant observedAt. */
    public static Observation of(Observation observation, Instant at) {
        Shape shape = SHAPES.computeIfAbsent(observation.getClass(), Restamp::shape).orElse(null);
        if (shape == null) {
            return null;
        }
        Object[] args = new Object[shape.accessors().length];
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = i == shape.observedAt() ? at : (Object) shape.accessors()[i].invokeExact((Object) observation);
            }
            return (Observation) (Object) shape.constructor().invokeExact(args);
        } catch (Throwable e) {
            // A canonical constructor that validates may refuse; the caller then decodes the record.
            return null;
        }
    }

    /** Accessors in component order, the constructor taking them as one array, and where observedAt is. */
    private record Shape(MethodHandle[] accessors, MethodHandle constructor, int observedAt) {
    }

    private static Optional<Shape> shape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            return Optional.empty();
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle[] accessors = new MethodHandle[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int observedAt = -1;
        try {
            for (int i = 0; i < components.length; i++) {
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(GETTER);
                types[i] = components[i].getType();
                if (components[i].getName().equals("observedAt") && types[i] == Instant.class) {
                    observedAt = i;
                }
            }
            if (observedAt < 0) {
                return Optional.empty();
            }
            MethodHandle constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return Optional.of(new Shape(accessors, constructor, observedAt));
        } catch (IllegalAccessException | NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
