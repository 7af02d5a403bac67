package io.floatwatch.analyzer.core.incremental;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The next deadline of each piece of the rules ({@link Units}), earliest first. */
public final class Schedule {

    private final TreeMap<Instant, Set<String>> byTime = new TreeMap<>();
    private final Map<String, Instant> byUnit = new HashMap<>();

    /** Sets or (with null) clears the deadline of {@code unit}. */
    public void set(String unit, Instant deadline) {
        Instant before = deadline == null ? byUnit.remove(unit) : byUnit.put(unit, deadline);
        if (before != null && before.equals(deadline)) {
            return;
        }
        if (before != null) {
            Set<String> units = byTime.get(before);
            units.remove(unit);
            if (units.isEmpty()) {
                byTime.remove(before);
            }
        }
        if (deadline != null) {
            byTime.computeIfAbsent(deadline, t -> new TreeSet<>()).add(unit);
        }
    }

    /** True when some deadline is at or before {@code at}. */
    public boolean due(Instant at) {
        return !byTime.isEmpty() && !byTime.firstKey().isAfter(at);
    }

    /** Moves every piece whose deadline is at or before {@code at} into {@code into}. */
    public void takeDue(Instant at, Set<String> into) {
        while (due(at)) {
            Map.Entry<Instant, Set<String>> first = byTime.pollFirstEntry();
            for (String unit : first.getValue()) {
                byUnit.remove(unit);
                into.add(unit);
            }
        }
    }

    public void clear() {
        byTime.clear();
        byUnit.clear();
    }
}
