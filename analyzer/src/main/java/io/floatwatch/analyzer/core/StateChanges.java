package io.floatwatch.analyzer.core;

import java.util.Map;
import java.util.Set;

/**
 * Which entries of each map of a {@link ScopeState} the core may have changed since the state it was
 * given ({@code from}): the keys written or removed, by component name ({@code fileSystems},
 * {@code open}, ...). A map not named kept the very object of {@code from}. Lets the runtime store
 * the entries that changed without walking maps of thousands to find them.
 *
 * @param from    the state the core was given
 * @param touched keys per map; a null set means not known (a map rebuilt from scratch): compare it all
 */
public record StateChanges(ScopeState from, Map<String, Set<String>> touched) {

    /** The keys of {@code map} that may differ from {@code from}'s, or null when every entry must be compared. */
    public Set<String> keys(String map) {
        return touched.get(map);
    }
}
