package io.floatwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.collector.aws.AccountAccess;
import io.floatwatch.collector.aws.AwsClientSettings;
import io.floatwatch.collector.ec2.RouteTableCadence;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options an operator sets are the settings the collector runs with; the rest of the config only completes them. */
class CollectorOptionsTest {

    private static final List<Scope> SCOPES = List.of(new Scope("123456789012", "ap-northeast-1"));

    @Test
    void shouldListEverySourceAtItsRegistryDefaultWhenNothingIsSet() {
        CollectorOptions o = CollectorOptions.defaults();

        assertThat(o.intervals().keySet()).containsExactlyInAnyOrderElementsOf(SourceRegistry.names());
        SourceRegistry.ROWS.forEach(r -> assertThat(o.interval(r.name())).as(r.name()).isEqualTo(r.defaultInterval()));
        assertThat(o.routeTablesUrgent()).isEqualTo(RouteTableCadence.DEFAULT_URGENT);
        assertThat(o.aws()).isEqualTo(AwsClientSettings.defaults());
    }

    @Test
    void shouldCarryEveryOptionIntoTheSettingsWhenCompletedWithTheRestOfTheConfig() {
        AwsClientSettings adaptive = AwsClientSettings.defaults().withRetry(AwsClientSettings.RetryMode.ADAPTIVE, 3,
                Duration.ofMillis(200), Duration.ofSeconds(20));
        CollectorOptions o = new CollectorOptions(Map.of(RouteTableSource.NAME, Duration.ofSeconds(4)), 0.2,
                List.of("rtb-0123456789abcdef0"), 3.0, 12, adaptive, Duration.ofSeconds(2));
        AccountAccess access = new AccountAccess("123456789012", null, null);

        RouteTableCadence.Windows windows = new RouteTableCadence.Windows(Duration.ofHours(2), Duration.ofMinutes(30));
        CollectorSettings s = o.settings(SCOPES, List.of(), List.of(access), List.of("192.168.0.0/16"), windows, "127.0.0.1:9092",
                Map.of("security.protocol", "SSL"));

        assertThat(s.pollInterval(RouteTableSource.NAME)).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.pollInterval(FileSystemSource.NAME)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.jitter()).isEqualTo(0.2);
        assertThat(s.declaredRouteTableIds()).containsExactly("rtb-0123456789abcdef0");
        assertThat(s.ec2CallsPerSecond()).isEqualTo(3.0);
        assertThat(s.ec2Burst()).isEqualTo(12);
        assertThat(s.aws()).isEqualTo(adaptive);
        assertThat(s.routeTablesUrgent()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.failoverWindows()).isEqualTo(windows);
        assertThat(s.scopes()).isEqualTo(SCOPES);
        assertThat(s.accounts()).containsExactly(access);
        assertThat(s.clientCidrs()).containsExactly("192.168.0.0/16");
        assertThat(s.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(s.producerProperties()).containsEntry("security.protocol", "SSL");
        assertThat(s.topic()).isEqualTo(Topics.OBSERVATIONS);
        assertThat(s.clientId()).isEqualTo(CollectorSettings.CLIENT_ID);
    }

    @Test
    void shouldRefuseAnIntervalForASourceTheRegistryDoesNotKnow() {
        assertThatThrownBy(() -> CollectorOptions.defaults().withInterval("ec2.route-table", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ec2.route-tables");
    }
}
