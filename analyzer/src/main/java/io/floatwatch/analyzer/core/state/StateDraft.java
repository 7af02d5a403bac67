package io.floatwatch.analyzer.core.state;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.path.PathMemory;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.vpn.TunnelMemory;
import io.floatwatch.model.finding.Finding;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The next {@link ScopeState}, being written by the pieces judged for one observation. A map is
 * copied the first time a piece changes it, so an observation that changes nothing costs no copy,
 * and one that changes a finding copies the open findings once, not once per piece.
 */
public final class StateDraft {

    private final ScopeState base;
    private final Instant clock;
    private final Cow<FileSystemState> fileSystems;
    private final Cow<Finding> open;
    private final Cow<TunnelMemory> tunnels;
    private final Cow<PathMemory> paths;
    private final Cow<SourceCadence> sources;

    /**
     * @param rebuildMemory start the tunnel and path memory empty, for a judgement of every piece that
     *                      writes back all it remembers; a partial judgement keeps what the others wrote
     */
    public StateDraft(ScopeState base, Instant clock, boolean rebuildMemory) {
        this.base = base;
        this.clock = clock;
        this.fileSystems = new Cow<>(base.fileSystems());
        this.open = new Cow<>(base.open());
        this.tunnels = new Cow<>(rebuildMemory ? Map.of() : base.tunnels());
        this.paths = new Cow<>(rebuildMemory ? Map.of() : base.paths());
        this.sources = new Cow<>(base.sources());
    }

    public ScopeState base() {
        return base;
    }

    public Cow<FileSystemState> fileSystems() {
        return fileSystems;
    }

    public Cow<Finding> open() {
        return open;
    }

    public Cow<TunnelMemory> tunnels() {
        return tunnels;
    }

    public Cow<PathMemory> paths() {
        return paths;
    }

    public Cow<SourceCadence> sources() {
        return sources;
    }

    public ScopeState build() {
        return new ScopeState(base.version(), base.scope(), clock, fileSystems.result(), open.result(), tunnels.result(),
                paths.result(), sources.result());
    }

    /** The keys each map wrote since {@link #base()}; a map that started empty instead of from the base is not known. */
    public StateChanges changes() {
        Map<String, Set<String>> touched = new HashMap<>();
        fileSystems.report("fileSystems", base.fileSystems(), touched);
        open.report("open", base.open(), touched);
        tunnels.report("tunnels", base.tunnels(), touched);
        paths.report("paths", base.paths(), touched);
        sources.report("sources", base.sources(), touched);
        return new StateChanges(base, touched);
    }

    /** A sorted map copied on its first change. */
    public static final class Cow<V> {
        private final Map<String, V> base;
        private TreeMap<String, V> copy;
        private final Set<String> touched = new HashSet<>();

        Cow(Map<String, V> base) {
            this.base = base;
        }

        public Map<String, V> view() {
            return copy != null ? copy : base;
        }

        public V get(String key) {
            return view().get(key);
        }

        public void put(String key, V value) {
            if (!Objects.equals(view().get(key), value)) {
                writable().put(key, value);
                touched.add(key);
            }
        }

        public void remove(String key) {
            if (view().containsKey(key)) {
                writable().remove(key);
                touched.add(key);
            }
        }

        /** The entries whose key starts with {@code prefix}, in key order. */
        public SortedMap<String, V> withPrefix(String prefix) {
            SortedMap<String, V> sorted = view() instanceof SortedMap<String, V> s ? s : new TreeMap<>(view());
            return sorted.subMap(prefix, prefix + Character.MAX_VALUE);
        }

        private TreeMap<String, V> writable() {
            if (copy == null) {
                copy = new TreeMap<>(base);
            }
            return copy;
        }

        /** Names this map's written keys in {@code out}, or null there when it did not start from {@code original}. */
        void report(String name, Map<String, V> original, Map<String, Set<String>> out) {
            if (base != original) {
                out.put(name, null);
            } else if (copy != null) {
                out.put(name, touched);
            }
        }

        Map<String, V> result() {
            return copy == null ? base : Collections.unmodifiableSortedMap(copy);
        }
    }
}
