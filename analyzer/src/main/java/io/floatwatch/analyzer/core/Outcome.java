package io.floatwatch.analyzer.core;

import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateChanges;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import java.util.List;

/**
 * What one observation changed: the new scope state to persist, and the events and finding
 * versions to publish, in the order they happened.
 *
 * @param changes which map entries of the state may differ from those of the state given, when the
 *                core kept track (null: compare the states)
 */
public record Outcome(ScopeState state, List<Event> events, List<Finding> findings, StateChanges changes) {

    public Outcome {
        events = List.copyOf(events);
        findings = List.copyOf(findings);
    }

    public Outcome(ScopeState state, List<Event> events, List<Finding> findings) {
        this(state, events, findings, null);
    }

    public boolean isEmpty() {
        return events.isEmpty() && findings.isEmpty();
    }
}
