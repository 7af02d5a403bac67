package io.floatwatch.analyzer.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateChanges;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.Json;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each scope's {@link ScopeState} in the scope-state store, one record per map entry: key
 * {@code <scope id>|<component>|<entry key>} (e.g. {@code 123456789012/eu-west-1|fileSystems|fs-0abc}),
 * plus one head record under {@code <scope id>} with everything that is not a map (version, scope,
 * clock). A write stores only the entries that differ from what the store holds.
 *
 * <p>Why not the whole state as one JSON value: for a large region (500 file systems and their
 * findings) that value is megabytes and grows with every remembered client path, over the
 * producer's and broker's 1 MB record limit (a failed changelog send stops the analyzer), and it
 * would be encoded again on every state change. Per entry, a change costs what changed (figures in
 * bench/README.md).
 *
 * <p>The components are found by reflection on the record, so a map the core adds to its state is
 * stored per entry without a change here, and anything else goes into the head. A head without the
 * {@link #LAYOUT} field is a whole state written by an older build: it is read as such and replaced
 * by entries on the next write.
 */
final class ScopeStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeStateStore.class);
    /** Marks a head record whose maps live in entry records. */
    static final String LAYOUT = "storedAs";
    private static final String ENTRIES = "entries";
    private static final char SEPARATOR = '|';

    private static final RecordComponent[] COMPONENTS = ScopeState.class.getRecordComponents();
    private static final Constructor<ScopeState> CONSTRUCTOR = canonicalConstructor();
    private static final Map<String, Section> SECTIONS = sections();
    private static final ObjectReader HEAD_READER = Json.mapper().readerFor(ScopeState.class);

    /** One map component of the state: its accessor and how its values are written and read. */
    private record Section(String name, Method accessor, ObjectWriter writer, ObjectReader reader) {
    }

    private final KeyValueStore<String, byte[]> store;
    /** Per scope, the state as the store holds it now: what a write compares against. */
    private final Map<Scope, ScopeState> stored = new HashMap<>();
    /** Scopes whose head is still a whole state of an older build: the next write replaces it. */
    private final Set<Scope> legacyHeads = new HashSet<>();

    ScopeStateStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The stored state of a scope, or an empty one when there is none or it cannot be used. */
    ScopeState load(Scope scope) {
        byte[] head = store.get(scope.id());
        if (head == null) {
            ScopeState empty = ScopeState.empty(scope);
            stored.put(scope, withoutEntries(empty));
            return empty;
        }
        ScopeState state;
        boolean entries;
        try {
            JsonNode node = Json.mapper().readTree(head);
            entries = node.has(LAYOUT);
            if (node instanceof ObjectNode object) {
                object.remove(LAYOUT);
            }
            state = HEAD_READER.readValue(node);
            if (state.version() != ScopeState.VERSION) {
                LOG.warn("state of {} has version {}, this build reads {}; starting from the observations",
                        scope, state.version(), ScopeState.VERSION);
                return startOver(scope);
            }
            if (entries) {
                state = withEntries(state, readEntries(scope));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("state of {} unreadable ({}); starting from the observations", scope, e.toString());
            return startOver(scope);
        }
        // A whole state of an older build: none of its entries are in the store yet.
        stored.put(scope, entries ? state : withoutEntries(state));
        if (!entries) {
            legacyHeads.add(scope);
        }
        return state;
    }

    /** Starting over re-reports first sightings, but the finding store keeps findings from repeating. */
    private ScopeState startOver(Scope scope) {
        List<KeyValue<String, byte[]>> deletes = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(entryPrefix(scope), new StringSerializer())) {
            it.forEachRemaining(kv -> deletes.add(KeyValue.pair(kv.key, null)));
        }
        deletes.add(KeyValue.pair(scope.id(), null));
        store.putAll(deletes);
        legacyHeads.remove(scope);
        ScopeState empty = ScopeState.empty(scope);
        stored.put(scope, withoutEntries(empty));
        return empty;
    }

    private Map<String, Map<String, Object>> readEntries(Scope scope) throws IOException {
        Map<String, Map<String, Object>> maps = new HashMap<>();
        String prefix = entryPrefix(scope);
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                int split = kv.key.indexOf(SEPARATOR, prefix.length());
                Section section = split < 0 ? null : SECTIONS.get(kv.key.substring(prefix.length(), split));
                if (section == null) {
                    throw new IOException("unknown state entry " + kv.key);
                }
                maps.computeIfAbsent(section.name(), k -> new TreeMap<>())
                        .put(kv.key.substring(split + 1), section.reader().readValue(kv.value));
            }
        }
        return maps;
    }

    /**
     * Stores {@code state}: the head when anything outside the maps changed (the clock, mostly), and
     * each map entry that was added, changed or removed since the last write or load of its scope.
     */
    void write(ScopeState state) {
        write(state, null);
    }

    /**
     * As {@link #write(ScopeState)}, comparing only the entries {@code changes} names in each map whose
     * stored version is the one the core was given; other maps are compared entry by entry.
     */
    void write(ScopeState state, StateChanges changes) {
        ScopeState before = stored.get(state.scope());
        if (before == null) {
            throw new IllegalStateException("state of " + state.scope() + " written before it was loaded");
        }
        List<KeyValue<String, byte[]>> writes = new ArrayList<>();
        for (Section section : SECTIONS.values()) {
            Map<String, ?> old = map(section, before);
            Map<String, ?> now = map(section, state);
            if (old == now) {
                continue;
            }
            Set<String> keys = changes == null || map(section, changes.from()) != old ? null : changes.keys(section.name());
            if (keys != null) {
                diffKeys(state.scope(), section, keys, old, now, writes);
            } else {
                diff(state.scope(), section, old, now, writes);
            }
        }
        if (legacyHeads.remove(state.scope()) || !sameHead(before, state)) {
            writes.add(KeyValue.pair(state.scope().id(), encodeHead(state)));
        }
        if (writes.size() == 1) {
            store.put(writes.get(0).key, writes.get(0).value);
        } else if (!writes.isEmpty()) {
            store.putAll(writes);
        }
        stored.put(state.scope(), state);
    }

    /** As {@link #diff}, for the named keys only: the others are the same objects in both maps. */
    private static void diffKeys(Scope scope, Section section, Set<String> keys, Map<String, ?> old, Map<String, ?> now,
            List<KeyValue<String, byte[]>> changes) {
        String prefix = entryPrefix(scope) + section.name() + SEPARATOR;
        for (String key : new TreeSet<>(keys)) {
            Object is = now.get(key);
            Object was = old.get(key);
            if (!now.containsKey(key)) {
                if (old.containsKey(key)) {
                    changes.add(KeyValue.pair(prefix + key, null));
                }
            } else if (is != was && !Objects.equals(was, is)) {
                changes.add(KeyValue.pair(prefix + key, encode(section, is)));
            }
        }
    }

    /** Entries of {@code now} that are new or not equal to those of {@code old}, and deletes for the keys it lost. */
    private static void diff(Scope scope, Section section, Map<String, ?> old, Map<String, ?> now,
            List<KeyValue<String, byte[]>> changes) {
        String prefix = entryPrefix(scope) + section.name() + SEPARATOR;
        if (sortedNaturally(old) && sortedNaturally(now)) {
            // Both sorted by key (the core's frozen maps are): one merge walk, no lookups.
            Iterator<? extends Map.Entry<String, ?>> a = old.entrySet().iterator();
            Iterator<? extends Map.Entry<String, ?>> b = now.entrySet().iterator();
            Map.Entry<String, ?> x = a.hasNext() ? a.next() : null;
            Map.Entry<String, ?> y = b.hasNext() ? b.next() : null;
            while (x != null || y != null) {
                int order = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
                if (order < 0) {
                    changes.add(KeyValue.pair(prefix + x.getKey(), null));
                    x = a.hasNext() ? a.next() : null;
                } else if (order > 0) {
                    changes.add(KeyValue.pair(prefix + y.getKey(), encode(section, y.getValue())));
                    y = b.hasNext() ? b.next() : null;
                } else {
                    if (x.getValue() != y.getValue() && !Objects.equals(x.getValue(), y.getValue())) {
                        changes.add(KeyValue.pair(prefix + y.getKey(), encode(section, y.getValue())));
                    }
                    x = a.hasNext() ? a.next() : null;
                    y = b.hasNext() ? b.next() : null;
                }
            }
            return;
        }
        for (Map.Entry<String, ?> e : now.entrySet()) {
            Object was = old.get(e.getKey());
            if (was != e.getValue() && !Objects.equals(was, e.getValue())) {
                changes.add(KeyValue.pair(prefix + e.getKey(), encode(section, e.getValue())));
            }
        }
        for (String key : old.keySet()) {
            if (!now.containsKey(key)) {
                changes.add(KeyValue.pair(prefix + key, null));
            }
        }
    }

    private static boolean sortedNaturally(Map<String, ?> map) {
        return map instanceof SortedMap<String, ?> sorted && sorted.comparator() == null;
    }

    private static boolean sameHead(ScopeState a, ScopeState b) {
        for (RecordComponent c : COMPONENTS) {
            if (!SECTIONS.containsKey(c.getName()) && !Objects.equals(value(c.getAccessor(), a), value(c.getAccessor(), b))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encodeHead(ScopeState state) {
        ObjectNode node = Json.mapper().valueToTree(withoutEntries(state));
        for (String section : SECTIONS.keySet()) {
            node.remove(section);
        }
        node.put(LAYOUT, ENTRIES);
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the state of " + state.scope(), e);
        }
    }

    private static byte[] encode(Section section, Object value) {
        try {
            return section.writer().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + section.name() + " entry", e);
        }
    }

    private static String entryPrefix(Scope scope) {
        return scope.id() + SEPARATOR;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Section section, ScopeState state) {
        Map<String, ?> map = (Map<String, ?>) value(section.accessor(), state);
        return map == null ? Map.of() : map;
    }

    /** The same state with every map empty: the head alone. */
    private static ScopeState withoutEntries(ScopeState state) {
        return withEntries(state, Map.of());
    }

    /** The state with its maps replaced by {@code maps} (by component name; missing ones empty). */
    private static ScopeState withEntries(ScopeState state, Map<String, ? extends Map<String, ?>> maps) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent c = COMPONENTS[i];
            if (SECTIONS.containsKey(c.getName())) {
                Map<String, ?> map = maps.get(c.getName());
                args[i] = map == null ? Map.of() : map;
            } else {
                args[i] = value(c.getAccessor(), state);
            }
        }
        try {
            return CONSTRUCTOR.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build a ScopeState", e);
        }
    }

    private static Object value(Method accessor, ScopeState state) {
        try {
            return accessor.invoke(state);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of a ScopeState", e);
        }
    }

    private static Constructor<ScopeState> canonicalConstructor() {
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            types[i] = COMPONENTS[i].getType();
        }
        try {
            return ScopeState.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ScopeState has no canonical constructor", e);
        }
    }

    private static Map<String, Section> sections() {
        Map<String, Section> sections = new LinkedHashMap<>();
        for (RecordComponent c : COMPONENTS) {
            if (!Map.class.isAssignableFrom(c.getType())) {
                continue;
            }
            JavaType type = Json.mapper().getTypeFactory().constructType(c.getGenericType());
            if (!type.getKeyType().hasRawClass(String.class)) {
                throw new IllegalStateException("ScopeState." + c.getName() + " is not keyed by String");
            }
            JavaType valueType = type.getContentType();
            sections.put(c.getName(), new Section(c.getName(), c.getAccessor(), Json.mapper().writerFor(valueType),
                    Json.mapper().readerFor(valueType)));
        }
        return sections;
    }
}
