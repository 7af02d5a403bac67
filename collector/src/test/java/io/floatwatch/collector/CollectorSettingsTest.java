package io.floatwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route-table inventory's interval is an entry of the intervals like any other source's. */
class CollectorSettingsTest {

    private static final CollectorSettings DEFAULTS = CollectorSettings.defaults(List.of(new Scope("123456789012", "ap-northeast-1")),
            "unused:9092");

    @Test
    void shouldKeepTheInventoryAtItsRegistryDefaultWhenTheIntervalsDoNotListIt() {
        CollectorSettings everySecond = CollectorSettingsBuilder.from(DEFAULTS).pollInterval(Duration.ofSeconds(1))
                .pollIntervals(Map.of(RouteTableSource.NAME, Duration.ofSeconds(2))).build();

        assertThat(everySecond.pollInterval(RouteTableInventorySource.NAME))
                .isEqualTo(SourceRegistry.row(RouteTableInventorySource.NAME).orElseThrow().defaultInterval())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(everySecond.pollInterval(FileSystemSource.NAME)).isEqualTo(Duration.ofSeconds(1));
        assertThat(everySecond.pollInterval(RouteTableSource.NAME)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldScheduleTheInventoryByItsEntryWhenTheIntervalsListIt() {
        CollectorSettings s = CollectorSettingsBuilder.from(DEFAULTS)
                .pollIntervals(Map.of(RouteTableInventorySource.NAME, Duration.ofMinutes(30))).build();

        assertThat(s.pollInterval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.pollIntervals()).containsEntry(RouteTableInventorySource.NAME, Duration.ofMinutes(30));
    }
}
