package io.floatwatch.alerter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;

/**
 * Info-style gauges: at most one series (value 1) per identity. When the labels of an identity
 * change, the old series is removed before the new one appears, so a scrape never shows two
 * current values for one thing (two route targets, two roles).
 */
final class InfoSeries<K> {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<K, Meter> current = new HashMap<>();

    InfoSeries(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Makes {@code tags} the only series of {@code identity}. */
    void set(K identity, Tags tags) {
        Meter old = current.get(identity);
        if (old != null) {
            if (Tags.of(old.getId().getTagsAsIterable()).equals(tags)) {
                return;
            }
            registry.remove(old);
        }
        current.put(identity, Gauge.builder(name, () -> 1).description(description).tags(tags).register(registry));
    }

    void remove(K identity) {
        Meter old = current.remove(identity);
        if (old != null) {
            registry.remove(old);
        }
    }

    void clear() {
        current.values().forEach(registry::remove);
        current.clear();
    }
}
