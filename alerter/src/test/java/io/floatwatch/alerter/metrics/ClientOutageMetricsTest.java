package io.floatwatch.alerter.metrics;

import static io.floatwatch.alerter.metrics.Records.FS;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.Scrape;
import io.floatwatch.model.finding.ClientOutage;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client outages the probes measured, as one histogram per file system, client, endpoint kind and move. */
class ClientOutageMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AlerterMetrics metrics = new AlerterMetrics(registry);

    @Test
    void shouldObserveEachEndedOutageOnceWhenItEndsBeforeOrAfterTheMoveClosed() {
        ClientOutage ended = new ClientOutage("app", "10.0.255.231", 2049, "nfs", T0.minusSeconds(42), T0);
        ClientOutage ongoing = new ClientOutage("app", "10.0.255.231", 111, "nfs", T0.minusSeconds(30), null);
        Event converged = event(EventType.FAILOVER_CONVERGED, T0, 60_000L, "converged").withClientOutages(
                List.of(ended, ongoing), "converged; clients saw up to 42 s of outage (documented: under 60 s)");
        metrics.apply(converged);
        ClientOutage later = new ClientOutage("app", "10.0.255.231", 111, "nfs", T0.minusSeconds(30), T0.plusSeconds(45));
        Event outage = new Event(EventType.CLIENT_OUTAGE, converged.subject(),
                withCycle(converged.labels()), T0.plusSeconds(45), 75_000L, "app reached again", List.of(later));
        metrics.apply(outage);

        String scrape = registry.scrape();
        Map<String, String> series = Map.of("fs_id", FS, "client", "app", "endpoint_kind", "nfs", "cycle", "failover");
        Scrape s = new Scrape(scrape);
        assertThat(s.value("floatwatch_failover_client_outage_seconds_count", series)).isEqualTo(2.0);
        assertThat(s.value("floatwatch_failover_client_outage_seconds_sum", series)).isEqualTo(42.0 + 75.0);
        assertThat(scrape).contains("floatwatch_failover_client_outage_seconds_bucket{");
        assertThat(scrape).as("no address or port label").doesNotContain("endpoint_ip=\"10.0.255.231\",fs_id");
    }

    private static Map<String, String> withCycle(Map<String, String> labels) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put("cycle", "failover");
        out.put("client", "app");
        return out;
    }
}
