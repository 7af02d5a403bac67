package io.floatwatch.analyzer.core.state;

import java.util.Map;
import java.util.Objects;
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

    /**
     * {@code next.sameButClock(from)} for the state these changes lead to, comparing only the named
     * entries: a map the core copied is mostly one that changed, and finding the change by walking
     * 500 file systems in key order was a twentieth of the stream thread.
     */
    public boolean onlyClockMoved(ScopeState next) {
        return next.version() == from.version() && next.scope().equals(from.scope())
                && same("fileSystems", next.fileSystems(), from.fileSystems()) && same("open", next.open(), from.open())
                && same("tunnels", next.tunnels(), from.tunnels()) && same("paths", next.paths(), from.paths())
                && same("sources", next.sources(), from.sources());
    }

    private boolean same(String name, Map<String, ?> now, Map<String, ?> before) {
        if (now == before) {
            return true;
        }
        Set<String> keys = touched.get(name);
        if (keys == null) {
            return now.equals(before);
        }
        // Entries not named are the same objects in both, so equal sizes and equal named entries mean equal maps.
        if (now.size() != before.size()) {
            return false;
        }
        for (String key : keys) {
            if (!Objects.equals(now.get(key), before.get(key)) || now.containsKey(key) != before.containsKey(key)) {
                return false;
            }
        }
        return true;
    }
}
