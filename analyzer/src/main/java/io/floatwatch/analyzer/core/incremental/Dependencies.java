package io.floatwatch.analyzer.core.incremental;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each piece of the rules ({@link Units}) read of the region model the last time it was judged,
 * and the reverse, so a change finds the pieces it concerns in a few lookups.
 */
public final class Dependencies {

    private final Map<String, Set<String>> keysByUnit = new HashMap<>();
    private final Map<String, Set<String>> unitsByKey = new HashMap<>();

    /** Replaces what {@code unit} reads. */
    public void set(String unit, Set<String> keys) {
        Set<String> before = keysByUnit.get(unit);
        if (before != null && before.equals(keys)) {
            return;
        }
        forget(unit);
        keysByUnit.put(unit, keys);
        for (String key : keys) {
            unitsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(unit);
        }
    }

    public void forget(String unit) {
        Set<String> before = keysByUnit.remove(unit);
        if (before == null) {
            return;
        }
        for (String key : before) {
            Set<String> readers = unitsByKey.get(key);
            if (readers != null) {
                readers.remove(unit);
                if (readers.isEmpty()) {
                    unitsByKey.remove(key);
                }
            }
        }
    }

    /** Adds the pieces that read any of {@code keys} to {@code into}. */
    public void readersOf(Collection<String> keys, Set<String> into) {
        for (String key : keys) {
            Set<String> readers = unitsByKey.get(key);
            if (readers != null) {
                into.addAll(readers);
            }
        }
    }

    public void clear() {
        keysByUnit.clear();
        unitsByKey.clear();
    }
}
