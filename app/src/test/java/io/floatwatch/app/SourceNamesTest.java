package io.floatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.collector.SourceRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's start gate waits for sources by the names the collector's poll markers carry; the core
 * cannot import the collector, so this holds its copy of the names to the collector's registry. A gate
 * waiting for a source no collector polls would hold its pieces forever.
 */
class SourceNamesTest {

    @Test
    void shouldNameExactlyTheCollectorsSourcesWhenTheGateWaitsForThem() throws IllegalAccessException {
        List<String> analyzer = new ArrayList<>();
        for (Field f : SourceNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                analyzer.add((String) f.get(null));
            }
        }
        assertThat(analyzer).containsExactlyInAnyOrderElementsOf(SourceRegistry.names());
    }
}
