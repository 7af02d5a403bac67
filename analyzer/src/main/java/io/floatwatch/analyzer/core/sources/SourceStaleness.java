package io.floatwatch.analyzer.core.sources;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.HumanDuration;
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
 * stale, never healthy. A poll that failed because the account's credentials could not be had is not
 * stale on its own ({@link AccessFindings} reports the account once), nor is one blocked by another
 * source's failure (that source is reported). (When every source of a scope goes silent its event time stops too; the runtime
 * cannot tell that from a quiet region without a wall clock, which the core does not read.)
 */
public final class SourceStaleness {

    private SourceStaleness() {
    }

    /**
     * Learns each source's cadence from its latest marker, and when its view of the scope became complete
     * ({@link StartGate}); returns the memory to keep.
     */
    public static Map<String, SourceCadence> learn(RegionModel model, Map<String, SourceCadence> before) {
        Map<String, SourceCadence> next = new java.util.TreeMap<>();
        Map<String, PollCompleted> polls = model.polls();
        for (PollCompleted poll : polls.values()) {
            SourceCadence prev = before.get(poll.source());
            SourceCadence learnt;
            if (prev == null) {
                learnt = new SourceCadence(poll.observedAt(), null, null, null);
            } else if (poll.observedAt().isAfter(prev.lastAt())) {
                learnt = new SourceCadence(poll.observedAt(), Duration.between(prev.lastAt(), poll.observedAt()),
                        prev.completedAt(), prev.lastOkAt());
            } else {
                learnt = prev;
            }
            if (poll.ok() && (learnt.lastOkAt() == null || poll.observedAt().isAfter(learnt.lastOkAt()))) {
                learnt = new SourceCadence(learnt.lastAt(), learnt.interval(), learnt.completedAt(), poll.observedAt());
            }
            next.put(poll.source(), learnt);
        }
        for (Map.Entry<String, SourceCadence> e : next.entrySet()) {
            SourceCadence c = e.getValue();
            if (c.completedAt() == null) {
                Instant complete = StartGate.completedAt(e.getKey(), c, next);
                if (complete != null) {
                    e.setValue(new SourceCadence(c.lastAt(), c.interval(), complete, c.lastOkAt()));
                }
            }
        }
        return next;
    }

    public static Duration silentAfter(SourceCadence cadence, RulePolicy policy) {
        if (cadence == null || cadence.interval() == null) {
            return policy.staleAfter().multipliedBy(6);
        }
        Duration three = cadence.interval().multipliedBy(3);
        return three.compareTo(policy.staleAfter()) > 0 ? three : policy.staleAfter();
    }

    public static void desired(Scope scope, RegionModel model, Map<String, SourceCadence> cadences, Instant at,
            RulePolicy policy, Map<String, Finding> out) {
        for (PollCompleted poll : model.polls().values()) {
            if (PollCompleted.NO_ACCESS.equals(poll.outcome()) || PollCompleted.BLOCKED.equals(poll.outcome())) {
                // One cause, one page: the account's access (AccessFindings), or the source this one reads from.
                continue;
            }
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
                        + HumanDuration.format(limit) + "); its view of this scope is stale";
                since = poll.observedAt().plus(limit);
            }
            Map<String, String> labels = VpnFindings.scopeLabels(scope);
            labels.put(Labels.SOURCE, poll.source());
            VpnFindings.put(out, Finding.firing(FindingType.DATA_STALE, scope.id() + "/_poll/" + poll.source(), labels,
                    since, at, evidence, summary));
        }
    }
}
