package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.PollCompleted;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The latest poll marker of each source: only the latest matters, it says how fresh that source's view is. */
final class PollIndex implements ObservationIndex<PollCompleted> {

    private final Consumer<String> changed;
    private final Map<String, PollCompleted> byId = new HashMap<>();
    /** source -> its latest poll marker. */
    final Map<String, PollCompleted> bySource = new TreeMap<>();

    PollIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<PollCompleted> kind() {
        return PollCompleted.class;
    }

    @Override
    public PollCompleted held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(PollCompleted poll) {
        byId.put(poll.resourceId(), poll);
        bySource.put(poll.source(), poll);
        changed.accept(ModelKey.POLLS);
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        PollCompleted poll = byId.remove(resourceId);
        if (poll == null) {
            return false;
        }
        bySource.remove(poll.source());
        changed.accept(ModelKey.POLLS);
        return true;
    }

    /** None: a poll marker is news about a source, not an AWS resource. */
    @Override
    public int resources() {
        return 0;
    }
}
