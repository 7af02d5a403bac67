package io.floatwatch.analyzer.core;

import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import java.util.List;

/**
 * What one observation changed: the new scope state to persist, and the events and finding
 * versions to publish, in the order they happened.
 */
public record Outcome(ScopeState state, List<Event> events, List<Finding> findings) {

    public Outcome {
        events = List.copyOf(events);
        findings = List.copyOf(findings);
    }

    public boolean isEmpty() {
        return events.isEmpty() && findings.isEmpty();
    }
}
