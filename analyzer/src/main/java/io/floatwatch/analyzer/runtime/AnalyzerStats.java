package io.floatwatch.analyzer.runtime;

import io.floatwatch.model.Scope;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the analyzer counts about itself, in plain counters the stream thread bumps for a few
 * nanoseconds per record; {@link AnalyzerMetrics} turns them into Prometheus series. Every counter
 * exists from the start, at 0, so a rule's {@code increase()} sees the first dead letter.
 */
public final class AnalyzerStats {

    /** What became of a record read from the observations topic. */
    public enum Read {
        /** judged by the core (a repeat that only moved the clock included) */
        APPLIED,
        /** an empty value: the resource was deleted */
        TOMBSTONE,
        /** undecodable, mis-keyed, or a rule failed on it: sent to the dead-letter topic */
        DEAD_LETTERED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Wall-clock and event-time marks of one scope, in epoch millis; 0 until set. */
    public static final class ScopeMarks {
        private volatile long newestObservedAt;
        private volatile long lastHeard;

        public long newestObservedAt() {
            return newestObservedAt;
        }

        public long lastHeard() {
            return lastHeard;
        }
    }

    private final AnalyzerTopics topics;
    private final Map<Read, LongAdder> read = new EnumMap<>(Read.class);
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();
    private final Map<Scope, ScopeMarks> scopes = new ConcurrentHashMap<>();
    private volatile Consumer<Scope> onNewScope = s -> { };

    public AnalyzerStats(AnalyzerTopics topics) {
        this.topics = topics;
        for (Read r : Read.values()) {
            read.put(r, new LongAdder());
        }
        for (String topic : Set.of(topics.findings(), topics.events(), topics.deadLetter())) {
            written.put(topic, new LongAdder());
        }
    }

    public AnalyzerTopics topics() {
        return topics;
    }

    void read(Read outcome) {
        read.get(outcome).increment();
    }

    void written(String topic) {
        written.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    /** A record of {@code scope} arrived at wall time {@code wallMillis}; {@code observedAt} is its event time, or 0. */
    void heard(Scope scope, long wallMillis, long observedAt) {
        ScopeMarks marks = scopes.get(scope);
        if (marks == null) {
            marks = scopes.computeIfAbsent(scope, s -> new ScopeMarks());
            onNewScope.accept(scope);
        }
        marks.lastHeard = Math.max(marks.lastHeard, wallMillis);
        if (observedAt > marks.newestObservedAt) {
            marks.newestObservedAt = observedAt;
        }
    }

    /** A scope watched since a restart, before any record of it arrived: heard "now", nothing observed yet. */
    void watching(Scope scope, long wallMillis) {
        if (!scopes.containsKey(scope)) {
            heard(scope, wallMillis, 0);
        }
    }

    public long readCount(Read outcome) {
        return read.get(outcome).sum();
    }

    public long writtenCount(String topic) {
        LongAdder adder = written.get(topic);
        return adder == null ? 0 : adder.sum();
    }

    public Set<String> writtenTopics() {
        return written.keySet();
    }

    public Map<Scope, ScopeMarks> scopes() {
        return scopes;
    }

    /** Called once per scope when it is first heard from (on the stream thread), e.g. to register its gauges. */
    public void onNewScope(Consumer<Scope> listener) {
        this.onNewScope = listener;
        scopes.keySet().forEach(listener);
    }
}
