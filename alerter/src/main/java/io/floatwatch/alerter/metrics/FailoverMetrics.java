package io.floatwatch.alerter.metrics;

import io.floatwatch.model.finding.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Failover counts and durations per file system, from FAILOVER_* and FAILBACK_* events. */
final class FailoverMetrics {

    private final MeterRegistry registry;
    private final List<Meter> registered = new ArrayList<>();
    private final Map<FileSystemRef, Counter> failovers = new HashMap<>();
    private final Map<FileSystemRef, AtomicLong> lastConvergenceMillis = new HashMap<>();
    private final Map<FileSystemRef, AtomicLong> lastFailedOverMillis = new HashMap<>();

    FailoverMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Creates the counter at 0 when a file system is first seen, so that {@code increase()} over the
     * first failover sees 0 -> 1 instead of a series appearing at 1.
     */
    void seen(FileSystemRef fs) {
        failovers.computeIfAbsent(fs, k -> keep(Counter.builder(MetricNames.FAILOVERS)
                .description("Failovers started (first floating route moved to the standby ENI)")
                .tags(k.tags()).register(registry)));
    }

    void apply(Event event) {
        FileSystemRef fs = FileSystemRef.of(event.labels());
        outages(event, fs);
        switch (event.type()) {
            case FAILOVER_STARTED -> {
                seen(fs);
                failovers.get(fs).increment();
            }
            case FAILOVER_CONVERGED -> record(event, fs, MetricNames.CONVERGENCE, MetricNames.LAST_CONVERGENCE,
                    lastConvergenceMillis, "Time from the first to the last route table moving to the standby ENI");
            case FAILBACK_COMPLETED -> record(event, fs, MetricNames.FAILED_OVER, MetricNames.LAST_FAILED_OVER,
                    lastFailedOverMillis, "Time a file system spent failed over, until every table was back on the preferred ENI");
            case CLIENT_OUTAGE -> {
            }
            default -> {
            }
        }
    }

    private void record(Event event, FileSystemRef fs, String summaryName, String lastName,
            Map<FileSystemRef, AtomicLong> last, String description) {
        if (event.durationMillis() == null) {
            return;
        }
        long millis = event.durationMillis();
        keepOnce(Timer.builder(summaryName).description(description).tags(fs.tags()).register(registry))
                .record(Duration.ofMillis(millis));
        last.computeIfAbsent(fs, k -> {
            AtomicLong holder = new AtomicLong();
            keep(Gauge.builder(lastName, holder, h -> h.get() / 1000.0).description(description + " (last value)")
                    .baseUnit("seconds").tags(k.tags()).register(registry));
            return holder;
        }).set(millis);
    }

    /**
     * Each outage a probe measured is observed once as ended: in the event that closed the move when it had ended by
     * then, else in the CLIENT_OUTAGE event of the client's first success. Labels stay bounded: no address or port.
     */
    private void outages(Event event, FileSystemRef fs) {
        String cycle = switch (event.type()) {
            case FAILOVER_CONVERGED -> "failover";
            case FAILBACK_COMPLETED -> "failback";
            case CLIENT_OUTAGE -> event.labels().getOrDefault(io.floatwatch.model.Labels.CYCLE, "failover");
            default -> null;
        };
        if (cycle == null) {
            return;
        }
        for (io.floatwatch.model.finding.ClientOutage o : event.clientOutages()) {
            if (o.ongoing()) {
                continue;
            }
            keepOnce(io.micrometer.core.instrument.DistributionSummary.builder(MetricNames.CLIENT_OUTAGE)
                    .description("Outage a declared client's probe measured during a failover or failback (first failed"
                            + " probe to first success); FSx documents under 60 s")
                    .baseUnit("seconds").serviceLevelObjectives(5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600)
                    .tags(fs.tags()).tag(io.floatwatch.model.Labels.CLIENT, o.client())
                    .tag(io.floatwatch.model.Labels.ENDPOINT_KIND, o.endpointKind() == null ? "" : o.endpointKind())
                    .tag(io.floatwatch.model.Labels.CYCLE, cycle).register(registry))
                    .record(o.duration(event.at()).toMillis() / 1000.0);
        }
    }

    private <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }

    private <M extends Meter> M keepOnce(M meter) {
        if (!registered.contains(meter)) {
            registered.add(meter);
        }
        return meter;
    }

    void clear() {
        registered.forEach(registry::remove);
        registered.clear();
        failovers.clear();
        lastConvergenceMillis.clear();
        lastFailedOverMillis.clear();
    }
}
