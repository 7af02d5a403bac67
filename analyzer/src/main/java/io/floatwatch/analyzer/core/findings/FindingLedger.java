package io.floatwatch.analyzer.core.findings;

import io.floatwatch.model.finding.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns "what should be firing now" into the finding versions to publish: a new condition fires,
 * a changed one is updated (only when it changed in substance, see {@link Finding#sameAs}), and one
 * no longer wanted is published once as resolved and forgotten.
 */
public final class FindingLedger {

    public record Reconciled(Map<String, Finding> open, List<Finding> emitted) {
    }

    private FindingLedger() {
    }

    public static Reconciled reconcile(Map<String, Finding> open, Map<String, Finding> desired, Instant at,
            Function<Finding, String> closing) {
        Map<String, Finding> next = new TreeMap<>(open);
        List<Finding> emitted = new ArrayList<>();
        for (Finding wanted : new TreeMap<>(desired).values()) {
            Finding before = open.get(wanted.id());
            // A condition that keeps firing keeps the start it had, whatever the rule computed now.
            Finding candidate = before == null ? wanted : withStart(wanted, before.startedAt());
            if (!candidate.sameAs(before)) {
                next.put(candidate.id(), candidate);
                emitted.add(candidate);
            }
        }
        for (Finding before : open.values()) {
            if (!desired.containsKey(before.id())) {
                next.remove(before.id());
                emitted.add(before.resolved(at, closing.apply(before), Map.of()));
            }
        }
        return new Reconciled(next, emitted);
    }

    private static Finding withStart(Finding f, Instant startedAt) {
        return new Finding(f.id(), f.type(), f.severity(), f.status(), f.subject(), f.labels(), startedAt, f.endedAt(),
                f.updatedAt(), f.evidence(), f.summary(), f.runbook());
    }
}
