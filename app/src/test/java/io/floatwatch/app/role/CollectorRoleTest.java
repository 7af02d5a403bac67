package io.floatwatch.app.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.vpn.VpnGatewaySource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config's named intervals reach the collector's sources; the most specific setting wins. */
class CollectorRoleTest {

    private static CollectorSettings settings(String collectorSection) {
        return CollectorRole.settings(ConfigLoader.parse("""
                kafka: {bootstrapServers: "127.0.0.1:9092"}
                aws:
                  accounts: [{id: "123456789012", regions: [ap-northeast-1]}]
                """ + collectorSection, "test.yaml"));
    }

    @Test
    void shouldScheduleTheRouteTableInventoryEveryRouteTableInventory() {
        CollectorSettings s = settings("""
                collector:
                  routeTablesInterval: 20s
                  routeTableInventory: 20m
                """);
        assertThat(s.pollInterval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.pollIntervals()).containsEntry(RouteTableInventorySource.NAME, Duration.ofMinutes(20));
        assertThat(s.pollInterval(RouteTableSource.NAME)).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.pollInterval(VpnGatewaySource.NAME)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldUseTheDefaultsWhenNothingIsSetAndLetAPerSourceIntervalWin() {
        assertThat(settings("").pollInterval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings("""
                collector:
                  routeTableInventory: 20m
                  intervals: {ec2.route-table-inventory: 15m}
                """).pollInterval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldScheduleTheRouteTableInventoryLikeEveryOtherSourceWhenItIsAnEntryOfTheIntervals() {
        CollectorSettings s = settings("""
                collector:
                  intervals: {ec2.route-table-inventory: 30m}
                """);
        assertThat(s.pollInterval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.pollInterval(VpnGatewaySource.NAME)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldKeepTheUrgentCadenceForAsLongAsTheAnalyzerJudgesWhenItsWindowsAreSet() {
        assertThat(settings("").failoverWindows()).isEqualTo(RouteTableCadence.Windows.DEFAULTS);
        assertThat(settings("""
                analyzer:
                  maintenanceWindow: 2h
                  stallDeadline: 30m
                """).failoverWindows()).isEqualTo(new RouteTableCadence.Windows(Duration.ofHours(2), Duration.ofMinutes(30)));
    }
}
