package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.Observation;
import java.time.Instant;

/**
 * Files the observations of one kind in the region model: holds the latest one of each resource, keeps the
 * lookups the rules need for that kind, and names the model keys ({@link ModelKey}) a put or remove may
 * change. The model keeps one per kind in a table, so a new kind is one class and one row there.
 */
interface ObservationIndex<T extends Observation> {

    /** The kind filed here. */
    Class<T> kind();

    /** The observation held for this resource id, or null. */
    T held(String resourceId);

    /** Records the latest state of one resource, replacing the one held for it. */
    void put(T observation);

    /**
     * Forgets a resource after a tombstone seen at the scope's event time {@code at} (null when unknown);
     * false when this index held nothing under that id.
     */
    boolean remove(String resourceId, Instant at);

    /** How many AWS resources it holds, for the model's size: poll markers and probe records are not resources. */
    int resources();
}
