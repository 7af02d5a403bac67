package io.floatwatch.alerter.metrics;

import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The state the alerter exposes on /metrics, projected from findings and events. Not thread-safe:
 * one consumer thread applies records while scrapes only read meter values.
 *
 * <p>{@link #clear()} removes every series this class registered (and nothing else from the
 * shared registry) so that a rebuild after a rebalance starts from an empty state.
 */
public final class AlerterMetrics {

    private final RouteTargetMetrics routes;
    private final FailoverMetrics failovers;
    private final FindingMetrics findings;

    public AlerterMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        routes = new RouteTargetMetrics(registry);
        failovers = new FailoverMetrics(registry);
        findings = new FindingMetrics(registry);
    }

    /** Returns false when the event was not usable (a ROUTE_TARGET without floating_ip or route_table_id). */
    public boolean apply(Event event) {
        if (event.type() == EventType.ROUTE_TARGET) {
            failovers.seen(FileSystemRef.of(event.labels()));
            return routes.apply(event);
        }
        failovers.apply(event);
        return true;
    }

    /** {@code finding} is the latest version under the key {@code findingId}, or null for a tombstone. */
    public void apply(String findingId, Finding finding) {
        findings.apply(findingId, finding);
    }

    /** Drops the finding series that stayed at 0 past their retention; call often, it is cheap. */
    public void retire() {
        findings.retire();
    }

    public void clear() {
        routes.clear();
        failovers.clear();
        findings.clear();
    }
}
