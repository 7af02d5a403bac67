package io.floatwatch.analyzer.core;

import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DATA_STALE per scope and source, from the latest poll marker: a failed poll, or a source whose
 * last marker is older than max(staleAfter, three of its own learned intervals) at the scope's event
 * time; until its cadence is known (one marker so far), six times staleAfter. A silent source is
 * stale, never healthy. (When every source of a scope goes silent its event time stops too; the runtime
 * cannot tell that from a quiet region without a wall clock, which the core does not read.)
 */
final class SourceStaleness {

    private SourceStaleness() {
    }

    /** Learns each source's cadence from its latest marker; returns the memory to keep. */
    static Map<String, SourceCadence> learn(RegionModel model, Map<String, SourceCadence> before) {
        Map<String, SourceCadence> next = new java.util.TreeMap<>();
        for (PollCompleted poll : model.polls().values()) {
            SourceCadence prev = before.get(poll.source());
            if (prev == null) {
                next.put(poll.source(), new SourceCadence(poll.observedAt(), null));
            } else if (poll.observedAt().isAfter(prev.lastAt())) {
                next.put(poll.source(), new SourceCadence(poll.observedAt(), Duration.between(prev.lastAt(), poll.observedAt())));
            } else {
                next.put(poll.source(), prev);
            }
        }
        return next;
    }

    static Duration silentAfter(SourceCadence cadence, RulePolicy policy) {
        if (cadence == null || cadence.interval() == null) {
            return policy.staleAfter().multipliedBy(6);
        }
        Duration three = cadence.interval().multipliedBy(3);
        return three.compareTo(policy.staleAfter()) > 0 ? three : policy.staleAfter();
    }

    static void desired(Scope scope, RegionModel model, Map<String, SourceCadence> cadences, Instant at,
            RulePolicy policy, Map<String, Finding> out) {
        for (PollCompleted poll : model.polls().values()) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("source", poll.source());
            String summary;
            Instant since;
            if (!poll.ok()) {
                evidence.put("outcome", poll.outcome());
                evidence.put("error", poll.error() == null ? "" : poll.error());
                summary = scope.id() + ": the last " + poll.source() + " poll failed"
                        + (poll.error() == null ? "" : " (" + poll.error() + ")") + "; its view of this scope is stale";
                since = poll.observedAt();
            } else {
                Duration age = Duration.between(poll.observedAt(), at);
                Duration limit = silentAfter(cadences.get(poll.source()), policy);
                if (age.compareTo(limit) <= 0) {
                    continue;
                }
                evidence.put("outcome", "silent");
                evidence.put("last_poll_at", poll.observedAt().toString());
                evidence.put("silent_after_seconds", Long.toString(limit.getSeconds()));
                summary = scope.id() + ": no " + poll.source() + " poll since " + poll.observedAt() + " (more than "
                        + Durations.human(limit) + "); its view of this scope is stale";
                since = poll.observedAt().plus(limit);
            }
            Map<String, String> labels = VpnFindings.scopeLabels(scope);
            labels.put(Labels.SOURCE, poll.source());
            VpnFindings.put(out, Finding.firing(FindingType.DATA_STALE, scope.id() + "/_poll/" + poll.source(), labels,
                    since, at, evidence, summary));
        }
    }
}
