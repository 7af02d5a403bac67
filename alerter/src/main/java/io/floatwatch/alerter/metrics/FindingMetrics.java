package io.floatwatch.alerter.metrics;

import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firing findings counted per type, severity and subject labels. A series stays at 0 for
 * {@link #RETENTION} after its last finding resolves, so alert rules and dashboards see the drop
 * instead of a vanishing series, and is then removed: an estate whose findings come and go (paths,
 * tunnels, route tables that are deleted) would otherwise export every subject it ever saw, forever.
 *
 * <p>Generic over finding types: every finding carries the same fixed set of label names
 * ({@link #SUBJECT_LABELS}), those it lacks as the empty value. Prometheus (and Micrometer's registry)
 * require one label set per metric name, so a new finding type with known labels needs no change
 * here; a label outside the set still reaches Alertmanager and webhooks, just not this metric.
 */
final class FindingMetrics {

    /** Label names taken from a finding onto {@code floatwatch_findings_active}, after type and severity. */
    static final List<String> SUBJECT_LABELS = List.of(Labels.ACCOUNT, Labels.REGION, Labels.FS_ID,
            Labels.FLOATING_IP, Labels.ROUTE_TABLE_ID, Labels.ENI_ID, MetricNames.VPN_ID, MetricNames.TUNNEL_IP,
            MetricNames.CLIENT, Labels.ENDPOINT_IP, Labels.ENDPOINT_KIND);

    private record SeriesKey(String type, String severity, List<String> values) {
        static SeriesKey of(String type, String severity, Map<String, String> labels) {
            List<String> values = new ArrayList<>(SUBJECT_LABELS.size());
            SUBJECT_LABELS.forEach(name -> values.add(FileSystemRef.label(labels, name)));
            return new SeriesKey(type, severity, List.copyOf(values));
        }

        Tags tags() {
            Tags tags = Tags.of(MetricNames.TYPE, type, MetricNames.SEVERITY, severity);
            for (int i = 0; i < SUBJECT_LABELS.size(); i++) {
                tags = tags.and(SUBJECT_LABELS.get(i), values.get(i));
            }
            return tags;
        }
    }

    /** Long enough for many scrapes and a rule's {@code for:} to see the 0, short enough not to pile up. */
    static final Duration RETENTION = Duration.ofMinutes(15);
    /** Sweeps at most this often; the consume loop calls {@link #retire} after every poll. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final Clock clock;
    /** Series at 0, since when. */
    private final Map<SeriesKey, Instant> zeroSince = new HashMap<>();
    private Instant lastSweep = Instant.EPOCH;
    private final Map<SeriesKey, AtomicInteger> counts = new HashMap<>();
    private final Map<SeriesKey, Meter> meters = new HashMap<>();
    /** Which series each firing finding is counted in, so a change of severity or labels moves it. */
    private final Map<String, SeriesKey> firing = new HashMap<>();

    FindingMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    FindingMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Removes the series at 0 for longer than {@link #RETENTION}. */
    void retire() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) < 0) {
            return;
        }
        lastSweep = now;
        zeroSince.entrySet().removeIf(e -> {
            if (Duration.between(e.getValue(), now).compareTo(RETENTION) < 0) {
                return false;
            }
            Meter meter = meters.remove(e.getKey());
            if (meter != null) {
                registry.remove(meter);
            }
            counts.remove(e.getKey());
            return true;
        });
    }

    /** {@code finding} is the latest version under {@code id}, or null for a tombstone. */
    void apply(String id, Finding finding) {
        SeriesKey previous = firing.remove(id);
        if (previous != null && counts.get(previous).decrementAndGet() == 0) {
            zeroSince.put(previous, clock.instant());
        }
        if (finding == null) {
            return;
        }
        String severity = finding.severity() == null ? finding.type().defaultSeverity().label() : finding.severity().label();
        SeriesKey key = SeriesKey.of(finding.type().label(), severity, finding.labels());
        AtomicInteger count = counts.computeIfAbsent(key, k -> {
            AtomicInteger holder = new AtomicInteger();
            meters.put(k, Gauge.builder(MetricNames.FINDINGS_ACTIVE, holder, AtomicInteger::get)
                    .description("Findings currently firing").tags(k.tags()).register(registry));
            return holder;
        });
        if (finding.firing()) {
            count.incrementAndGet();
            firing.put(id, key);
            zeroSince.remove(key);
        } else if (count.get() == 0) {
            zeroSince.putIfAbsent(key, clock.instant());
        }
    }

    void clear() {
        meters.values().forEach(registry::remove);
        meters.clear();
        counts.clear();
        firing.clear();
        zeroSince.clear();
    }
}
