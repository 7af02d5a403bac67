package io.floatwatch.alerter.metrics;

import io.floatwatch.model.finding.Finding;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firing findings counted per type, severity and file system. A series stays at 0 after its last
 * finding resolves, so alert rules and dashboards see the drop instead of a vanishing series.
 */
final class FindingMetrics {

    private record SeriesKey(String type, String severity, FileSystemRef fs) {
        Tags tags() {
            return Tags.of(MetricNames.TYPE, type, MetricNames.SEVERITY, severity).and(fs.tags());
        }
    }

    private final MeterRegistry registry;
    private final Map<SeriesKey, AtomicInteger> counts = new HashMap<>();
    private final Map<SeriesKey, Meter> meters = new HashMap<>();
    /** Which series each firing finding is counted in, so a change of severity or labels moves it. */
    private final Map<String, SeriesKey> firing = new HashMap<>();

    FindingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code finding} is the latest version under {@code id}, or null for a tombstone. */
    void apply(String id, Finding finding) {
        SeriesKey previous = firing.remove(id);
        if (previous != null) {
            counts.get(previous).decrementAndGet();
        }
        if (finding == null) {
            return;
        }
        String severity = finding.severity() == null ? finding.type().defaultSeverity().label() : finding.severity().label();
        SeriesKey key = new SeriesKey(finding.type().label(), severity, FileSystemRef.of(finding.labels()));
        AtomicInteger count = counts.computeIfAbsent(key, k -> {
            AtomicInteger holder = new AtomicInteger();
            meters.put(k, Gauge.builder(MetricNames.FINDINGS_ACTIVE, holder, AtomicInteger::get)
                    .description("Findings currently firing").tags(k.tags()).register(registry));
            return holder;
        });
        if (finding.firing()) {
            count.incrementAndGet();
            firing.put(id, key);
        }
    }

    void clear() {
        meters.values().forEach(registry::remove);
        meters.clear();
        counts.clear();
        firing.clear();
    }
}
