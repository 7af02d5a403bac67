package io.floatwatch.model.observation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether two observations say the same thing: the same kind, every record component equal except
 * {@code observedAt}. The collector publishes only what changed, and the analyzer takes such a
 * record for a mere clock tick; a restarted collector republishes the whole estate, so this runs for
 * nearly every record and must be cheap.
 *
 * <p>Over the record components rather than one comparison per kind, so a field added to an
 * observation is compared without anyone remembering to do it here; through method handles, since
 * reflective calls with their access checks were a fifth of the analyzer core's time.
 */
public final class SameContent {

    private static final Map<Class<?>, MethodHandle[]> ACCESSORS = new ConcurrentHashMap<>();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private SameContent() {
    }

    public static boolean of(Observation a, Observation b) {
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        try {
            for (MethodHandle m : ACCESSORS.computeIfAbsent(a.getClass(), SameContent::accessors)) {
                if (!Objects.equals((Object) m.invokeExact((Object) a), (Object) m.invokeExact((Object) b))) {
                    return false;
                }
            }
            return true;
        } catch (Throwable e) {
            // An accessor of a record only returns a field; nothing to recover, so take it as changed.
            return false;
        }
    }

    private static MethodHandle[] accessors(Class<?> type) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        List<MethodHandle> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (!c.getName().equals("observedAt")) {
                try {
                    out.add(lookup.unreflect(c.getAccessor()).asType(GETTER));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + c.getName(), e);
                }
            }
        }
        return out.toArray(MethodHandle[]::new);
    }
}
