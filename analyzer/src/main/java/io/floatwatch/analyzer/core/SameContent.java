package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private SameContent() {
    }

    static boolean of(Observation held, Observation fresh) {
        if (held == null || held.getClass() != fresh.getClass() || fresh instanceof PollCompleted) {
            // A poll marker's time is its content: it is what staleness is judged on.
            return false;
        }
        try {
            for (Method m : ACCESSORS.computeIfAbsent(fresh.getClass(), SameContent::accessors)) {
                if (!Objects.equals(m.invoke(held), m.invoke(fresh))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    private static Method[] accessors(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (!c.getName().equals("observedAt")) {
                out.add(c.getAccessor());
            }
        }
        return out.toArray(Method[]::new);
    }
}
