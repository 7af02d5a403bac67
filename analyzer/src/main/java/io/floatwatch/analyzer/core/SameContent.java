package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
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
 * Whether a new observation says nothing the model does not already hold: every record component
 * equal except observedAt. A restarted collector republishes the whole estate, and such a record
 * can only move the clock, so the analyzer skips the rules for it.
 *
 * <p>Reflection over the record components rather than a hand-written comparison per kind: a field
 * added to an observation in model/ is then compared without anyone remembering to do it here.
 */
final class SameContent {

    private static final Map<Class<?>, MethodHandle[]> ACCESSORS = new ConcurrentHashMap<>();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private SameContent() {
    }

    static boolean of(Observation held, Observation fresh) {
        if (held == null || held.getClass() != fresh.getClass() || fresh instanceof PollCompleted) {
            // A poll marker's time is its content: it is what staleness is judged on.
            return false;
        }
        try {
            for (MethodHandle m : ACCESSORS.computeIfAbsent(fresh.getClass(), SameContent::accessors)) {
                if (!Objects.equals((Object) m.invokeExact((Object) held), (Object) m.invokeExact((Object) fresh))) {
                    return false;
                }
            }
            return true;
        } catch (Throwable e) {
            // An accessor of a record only returns a field; nothing to recover, so judge it as new.
            return false;
        }
    }

    /**
     * Method handles rather than Method.invoke: this runs for nearly every record of a republished
     * estate, and reflective calls with their access checks were a fifth of the core's time.
     */
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
