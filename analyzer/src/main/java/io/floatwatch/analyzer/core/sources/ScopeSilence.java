package io.floatwatch.analyzer.core.sources;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.HumanDuration;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DATA_STALE for a scope from which nothing at all has arrived for a while: the one rule of the
 * analyzer that reads a wall clock, because a scope whose sources all stopped sends no observation
 * to carry time, so its event clock stops with them and {@link SourceStaleness} never gets to judge.
 *
 * <p>Kept pure like every rule here: the runtime's punctuator passes in when it last heard from the
 * scope and the wall-clock now, both by its own clock, so a test plays any silence in no time.
 * Silence is measured between those two wall-clock instants, never against the observations' event
 * times: a replay at 60x or a test whose observations are dated years ago is not silent for it.
 *
 * <p>The limit is the one {@link SourceStaleness} gives the scope's fastest source, max(staleAfter,
 * three of its learned intervals), so the watchdog never calls a scope silent before a source of it
 * would be stale, and it is staleAfter when no cadence was learned yet.
 */
public final class ScopeSilence {

    private ScopeSilence() {
    }

    /** The finding's subject: one per scope, apart from the per-source ones ({@code <scope>/_poll/<source>}). */
    public static String subject(Scope scope) {
        return scope.id() + "/_scope";
    }

    public static String findingId(Scope scope) {
        return Finding.idOf(FindingType.DATA_STALE, subject(scope));
    }

    /** How long the scope may say nothing before it is silent. */
    public static Duration limit(ScopeState state, RulePolicy policy) {
        Duration fastest = null;
        for (SourceCadence cadence : state.sources().values()) {
            if (cadence.interval() == null) {
                continue;
            }
            Duration limit = SourceStaleness.silentAfter(cadence, policy);
            if (fastest == null || limit.compareTo(fastest) < 0) {
                fastest = limit;
            }
        }
        return fastest == null ? policy.staleAfter() : fastest;
    }

    /**
     * @param lastHeard wall-clock time the runtime last received a record of this scope (or started
     *                  watching it, after a restart)
     * @param now       wall-clock now
     * @return the firing finding when the scope has been silent longer than its {@link #limit}, else null
     */
    public static Finding judge(Scope scope, ScopeState state, Instant lastHeard, Instant now, RulePolicy policy) {
        Duration limit = limit(state, policy);
        if (Duration.between(lastHeard, now).compareTo(limit) <= 0) {
            return null;
        }
        // Evidence that does not grow with every tick, so the finding is published once, not on every punctuation.
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("outcome", "scope_silent");
        evidence.put("last_heard_at", lastHeard.toString());
        if (state.clock() != null) {
            evidence.put("newest_observation_at", state.clock().toString());
        }
        evidence.put("silent_after_seconds", Long.toString(limit.getSeconds()));
        Map<String, String> labels = VpnFindings.scopeLabels(scope);
        labels.put(Labels.SOURCE, "*");
        String summary = scope.id() + ": nothing received from any source since " + lastHeard + " (more than "
                + HumanDuration.format(limit) + " by the analyzer's wall clock); the collector or its Kafka path is down,"
                + " so every verdict of this scope is stale";
        return Finding.firing(FindingType.DATA_STALE, subject(scope), labels, lastHeard.plus(limit), now, evidence, summary);
    }

    /** The watchdog's finding cleared: the scope was heard from again at {@code heardAt}. */
    public static Finding resolve(Finding firing, Instant heardAt) {
        return firing.resolved(heardAt, firing.labels().get(Labels.ACCOUNT) + "/" + firing.labels().get(Labels.REGION)
                + ": records arrive again", Map.of("heard_again_at", heardAt.toString()));
    }
}
