package io.floatwatch.analyzer.runtime;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.sources.ScopeSilence;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The runtime half of the wall-clock watchdog ({@link ScopeSilence} is the rule): which scopes this
 * task watches, when each was last heard from by Kafka Streams' wall clock ({@link AnalyzerStats}),
 * and which have a watchdog finding firing. A scope is watched from its first record, and after a
 * restart from the state store, so a collector that died while the analyzer restarted is still seen.
 */
final class SilenceWatch {

    private final RulePolicy rules;
    private final AnalyzerStats stats;
    /** Scopes whose watchdog finding is firing, as published (the finding store says so after a restart). */
    private final Set<Scope> silent = new HashSet<>();
    private final Set<Scope> watched = new HashSet<>();

    SilenceWatch(RulePolicy rules, AnalyzerStats stats) {
        this.rules = rules;
        this.stats = stats;
    }

    /**
     * Starts watching every scope whose state this task stores, as heard from at {@code now}, and
     * remembers which of them have a firing watchdog finding published.
     */
    void init(KeyValueStore<String, byte[]> scopeStates, KeyValueStore<String, byte[]> published, long now) {
        silent.clear();
        watched.clear();
        for (Scope scope : storedScopes(scopeStates)) {
            watched.add(scope);
            stats.watching(scope, now);
            Finding finding = published(published, scope);
            if (finding != null && finding.firing()) {
                silent.add(scope);
            }
        }
    }

    /** A record of {@code scope} arrived: true when its watchdog finding fires and must now be resolved. */
    boolean heard(Scope scope, long now, long observedAt) {
        watched.add(scope);
        stats.heard(scope, now, observedAt);
        return silent.contains(scope);
    }

    /** The resolution of the scope's watchdog finding, or null when the store holds no firing one. */
    Finding resolve(Scope scope, KeyValueStore<String, byte[]> published, long now) {
        silent.remove(scope);
        Finding firing = published(published, scope);
        return firing == null || !firing.firing() ? null : ScopeSilence.resolve(firing, Instant.ofEpochMilli(now));
    }

    /** The watchdog findings that start firing at {@code now}. */
    List<Finding> tick(long now, Function<Scope, ScopeState> states) {
        List<Finding> firing = new ArrayList<>();
        for (Scope scope : watched) {
            if (silent.contains(scope)) {
                continue;
            }
            AnalyzerStats.ScopeMarks marks = stats.scopes().get(scope);
            if (marks == null) {
                continue;
            }
            Finding finding = ScopeSilence.judge(scope, states.apply(scope), Instant.ofEpochMilli(marks.lastHeard()),
                    Instant.ofEpochMilli(now), rules);
            if (finding != null) {
                silent.add(scope);
                firing.add(finding);
            }
        }
        return firing;
    }

    private static Finding published(KeyValueStore<String, byte[]> published, Scope scope) {
        byte[] bytes = published.get(ScopeSilence.findingId(scope));
        if (bytes == null) {
            return null;
        }
        try {
            return RecordCodec.findings().decode(bytes);
        } catch (RecordDecodingException e) {
            return null;
        }
    }

    /**
     * The scopes of the heads in the scope-state store ({@code <account>/<region>}, entries carry a
     * {@code |}). Jumps over each scope's entries instead of reading them: a scope can hold a million
     * remembered paths, and this runs on every task start.
     */
    static List<Scope> storedScopes(KeyValueStore<String, byte[]> store) {
        List<Scope> scopes = new ArrayList<>();
        String from = "";
        while (true) {
            String key;
            try (KeyValueIterator<String, byte[]> it = store.range(from, null)) {
                if (!it.hasNext()) {
                    return scopes;
                }
                KeyValue<String, byte[]> next = it.next();
                key = next.key;
            }
            int bar = key.indexOf('|');
            if (bar < 0) {
                int slash = key.indexOf('/');
                if (slash > 0) {
                    try {
                        scopes.add(new Scope(key.substring(0, slash), key.substring(slash + 1)));
                    } catch (IllegalArgumentException e) {
                        // not a scope head; nothing to watch
                    }
                }
                from = key + '\u0000';
            } else {
                // '}' sorts right after '|': past every entry of this head.
                from = key.substring(0, bar) + '}';
            }
        }
    }
}
