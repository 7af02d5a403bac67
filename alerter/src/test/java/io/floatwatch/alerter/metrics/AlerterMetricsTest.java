package io.floatwatch.alerter.metrics;

import static io.floatwatch.alerter.metrics.Records.ENI_PREFERRED;
import static io.floatwatch.alerter.metrics.Records.ENI_STANDBY;
import static io.floatwatch.alerter.metrics.Records.FS;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static io.floatwatch.alerter.metrics.Records.routeTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.Scrape;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlerterMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AlerterMetrics metrics = new AlerterMetrics(registry);

    private Scrape scrape() {
        return new Scrape(registry.scrape());
    }

    @Test
    void shouldRemoveTheOldRouteTargetSeriesWhenTheTargetChanges() {
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        metrics.apply(routeTarget("rtb-1", ENI_STANDBY, "standby", T0.plusSeconds(60)));

        Scrape scrape = scrape();
        assertThat(scrape.series("floatwatch_fsx_route_target", Map.of("route_table_id", "rtb-1")))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.labels()).containsEntry("eni_id", ENI_STANDBY).containsEntry("role", "standby")
                            .containsEntry("floating_ip", Records.FLOATING_IP).containsEntry("fs_id", FS)
                            .containsEntry("account", Records.ACCOUNT).containsEntry("region", Records.REGION);
                    assertThat(s.value()).isEqualTo(1.0);
                });
    }

    @Test
    void shouldKeepOneSeriesPerTableWhenTwoTablesRouteTheSameFloatingIp() {
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        metrics.apply(routeTarget("rtb-2", ENI_PREFERRED, "preferred", T0));
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0.plusSeconds(5)));

        assertThat(scrape().series("floatwatch_fsx_route_target")).hasSize(2);
    }

    @Test
    void shouldReportMixedRoleWhenTablesDisagreeAndStandbyWhenAllMoved() {
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        metrics.apply(routeTarget("rtb-2", ENI_PREFERRED, "preferred", T0));
        assertThat(activeRoles()).containsExactly("preferred");

        metrics.apply(routeTarget("rtb-1", ENI_STANDBY, "standby", T0.plusSeconds(60)));
        assertThat(activeRoles()).containsExactly("mixed");

        metrics.apply(routeTarget("rtb-2", ENI_STANDBY, "standby", T0.plusSeconds(600)));
        assertThat(activeRoles()).containsExactly("standby");
    }

    private java.util.List<String> activeRoles() {
        return scrape().series("floatwatch_fsx_active_role", Map.of("fs_id", FS)).stream()
                .peek(s -> assertThat(s.value()).isEqualTo(1.0))
                .map(s -> s.labels().get("role")).toList();
    }

    @Test
    void shouldDropTheRouteSeriesAndRecomputeTheRoleWhenTheRouteIsGone() {
        metrics.apply(routeTarget("rtb-1", ENI_STANDBY, "standby", T0));
        metrics.apply(routeTarget("rtb-2", ENI_PREFERRED, "preferred", T0));
        assertThat(activeRoles()).containsExactly("mixed");

        metrics.apply(routeTarget("rtb-2", "none", "unknown", T0.plusSeconds(60)));
        assertThat(scrape().series("floatwatch_fsx_route_target")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("route_table_id", "rtb-1"));
        assertThat(activeRoles()).containsExactly("standby");

        metrics.apply(routeTarget("rtb-1", "none", "unknown", T0.plusSeconds(120)));
        assertThat(scrape().series("floatwatch_fsx_route_target")).isEmpty();
        assertThat(activeRoles()).isEmpty();
    }

    @Test
    void shouldCountFailoversFromZeroWhenTheFileSystemWasSeenBefore() {
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        assertThat(scrape().value("floatwatch_fsx_failovers_total", Map.of("fs_id", FS))).isEqualTo(0.0);

        metrics.apply(event(EventType.FAILOVER_STARTED, T0, null, "started"));
        metrics.apply(event(EventType.FAILOVER_STARTED, T0.plusSeconds(7200), null, "started again"));

        assertThat(scrape().value("floatwatch_fsx_failovers_total", Map.of("fs_id", FS))).isEqualTo(2.0);
    }

    @Test
    void shouldExposeLastAndSummaryOfDurationsWhenFailoverConvergesAndFailsBack() {
        metrics.apply(event(EventType.FAILOVER_CONVERGED, T0, Duration.ofSeconds(598).toMillis(), "converged"));
        metrics.apply(event(EventType.FAILOVER_CONVERGED, T0, Duration.ofSeconds(300).toMillis(), "converged"));
        metrics.apply(event(EventType.FAILBACK_COMPLETED, T0, Duration.ofMinutes(40).toMillis(), "back"));

        Scrape scrape = scrape();
        Map<String, String> fs = Map.of("fs_id", FS);
        assertThat(scrape.value("floatwatch_fsx_last_failover_convergence_seconds", fs)).isEqualTo(300.0);
        assertThat(scrape.value("floatwatch_fsx_failover_convergence_seconds_count", fs)).isEqualTo(2.0);
        assertThat(scrape.value("floatwatch_fsx_failover_convergence_seconds_sum", fs)).isEqualTo(898.0);
        assertThat(scrape.value("floatwatch_fsx_last_failed_over_seconds", fs)).isEqualTo(2400.0);
        assertThat(scrape.value("floatwatch_fsx_failed_over_seconds_count", fs)).isEqualTo(1.0);
    }

    @Test
    void shouldCountActiveFindingsBackToZeroWhenResolved() {
        Finding stalled = firing(FindingType.FSX_FAILOVER_STALLED, T0, "rtb-2 still on the preferred ENI");
        Map<String, String> series = Map.of("type", "fsx_failover_stalled", "severity", "critical", "fs_id", FS);

        metrics.apply(stalled.id(), stalled);
        metrics.apply(stalled.id(), stalled);
        assertThat(scrape().value("floatwatch_findings_active", series)).isEqualTo(1.0);

        metrics.apply(stalled.id(), stalled.resolved(T0.plusSeconds(2052), "all tables on the standby ENI", null));
        assertThat(scrape().value("floatwatch_findings_active", series)).isEqualTo(0.0);

        metrics.apply(stalled.id(), null);
        assertThat(scrape().value("floatwatch_findings_active", series)).isEqualTo(0.0);
    }

    @Test
    void shouldMoveAFindingBetweenSeriesWhenItsSeverityChanges() {
        Finding warning = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        Finding critical = new Finding(warning.id(), warning.type(), io.floatwatch.model.finding.Severity.CRITICAL,
                warning.status(), warning.subject(), warning.labels(), warning.startedAt(), null, T0.plusSeconds(60),
                warning.evidence(), "failed over, one table left behind", warning.runbook());

        metrics.apply(warning.id(), warning);
        metrics.apply(critical.id(), critical);

        Scrape scrape = scrape();
        assertThat(scrape.value("floatwatch_findings_active", Map.of("type", "fsx_failed_over", "severity", "warning")))
                .isEqualTo(0.0);
        assertThat(scrape.value("floatwatch_findings_active", Map.of("type", "fsx_failed_over", "severity", "critical")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldRemoveOnlyItsOwnSeriesWhenCleared() {
        registry.counter("some_other_metric").increment();
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        metrics.apply(event(EventType.FAILOVER_CONVERGED, T0, 1000L, "converged"));
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        metrics.apply(f.id(), f);

        metrics.clear();

        Scrape scrape = scrape();
        assertThat(scrape.series("some_other_metric_total")).hasSize(1);
        assertThat(scrape.toString()).doesNotContain("floatwatch_");
    }

    @Test
    void shouldSkipRouteTargetWhenItLacksTheRouteIdentity() {
        var incomplete = new io.floatwatch.model.finding.Event(EventType.ROUTE_TARGET, Records.SUBJECT,
                Records.fsLabels(), T0, null, "no route");

        assertThat(metrics.apply(incomplete)).isFalse();
        assertThat(scrape().series("floatwatch_fsx_route_target")).isEmpty();
    }
}
