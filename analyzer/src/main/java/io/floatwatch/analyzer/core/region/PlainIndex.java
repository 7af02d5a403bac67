package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.Observation;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A kind the rules only look up by id or list whole: one map, and the keys a change of one resource names.
 * Resource ids are the kind's own ids ({@code vpc-}, {@code pcx-}, ...), so the map is keyed by them.
 */
final class PlainIndex<T extends Observation> implements ObservationIndex<T> {

    private final Class<T> kind;
    private final Map<String, T> byId;
    private final Function<String, List<String>> keysOf;
    private final Consumer<String> changed;

    /**
     * @param byId   an empty map; sorted when the kind is listed, so lists come in the same order on every replay
     * @param keysOf the model keys a put or remove of the resource with this id changes
     */
    PlainIndex(Class<T> kind, Map<String, T> byId, Function<String, List<String>> keysOf, Consumer<String> changed) {
        this.kind = kind;
        this.byId = byId;
        this.keysOf = keysOf;
        this.changed = changed;
    }

    @Override
    public Class<T> kind() {
        return kind;
    }

    @Override
    public T held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(T observation) {
        byId.put(observation.resourceId(), observation);
        keysOf.apply(observation.resourceId()).forEach(changed);
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        if (byId.remove(resourceId) == null) {
            return false;
        }
        keysOf.apply(resourceId).forEach(changed);
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }

    /** Every observation held, in the map's order. */
    Collection<T> all() {
        return Collections.unmodifiableCollection(byId.values());
    }
}
