package io.floatwatch.alerter;

import io.floatwatch.alerter.metrics.AlerterMetrics;
import io.floatwatch.alerter.notify.Dispatcher;
import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.FindingLedger;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import java.util.Objects;

/**
 * The alerter's core, free of Kafka: every record updates the metric state and the finding ledger;
 * only records the runtime marks as live (not yet acknowledged by an earlier run) are told to
 * people. Replaying history with {@code live = false} therefore rebuilds /metrics without paging.
 */
public final class Alerter {

    private final AlerterMetrics metrics;
    private final FindingLedger ledger;
    private final Dispatcher dispatcher;

    public Alerter(AlerterMetrics metrics, FindingLedger ledger, Dispatcher dispatcher) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * @param id      the record key (the finding id); a tombstone has no value to take it from
     * @param finding the latest version, or null for a tombstone
     */
    public void onFinding(String id, Finding finding, boolean live) {
        String key = id != null ? id : finding == null ? null : finding.id();
        if (key == null) {
            return;
        }
        metrics.apply(key, finding);
        dispatcher.observe(key, finding);
        ledger.record(key, finding).filter(n -> live).ifPresent(dispatcher::dispatch);
    }

    /** Returns false when the event could not be used (see {@link AlerterMetrics#apply(Event)}). */
    public boolean onEvent(Event event, boolean live) {
        boolean usable = metrics.apply(event);
        if (live && event.type() != EventType.ROUTE_TARGET) {
            dispatcher.dispatch(new EventNotification(event));
        }
        return usable;
    }

    /** Forgets all state, before a rebuild from the beginning of the topics. */
    public void reset() {
        metrics.clear();
        ledger.clear();
        dispatcher.reset();
    }

    /** The rebuild is complete: sinks with state of their own may act on it (re-send what fires). */
    public void restored() {
        dispatcher.restored();
    }
}
