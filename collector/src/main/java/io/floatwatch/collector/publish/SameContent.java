package io.floatwatch.collector.publish;

import io.floatwatch.model.observation.Observation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether two observations say the same thing: every record component equal except
 * {@code observedAt}. An observation's JSON is a function of its components, so this is the JSON
 * comparison the publisher used to make (a tree per resource and poll) without building anything.
 * Reflection over the components rather than one comparison per kind, so a field added in model/
 * is compared without anyone remembering to do it here.
 */
final class SameContent {

    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private SameContent() {
    }

    static boolean of(Observation a, Observation b) {
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        try {
            for (Method m : ACCESSORS.computeIfAbsent(a.getClass(), SameContent::accessors)) {
                if (!Objects.equals(m.invoke(a), m.invoke(b))) {
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
