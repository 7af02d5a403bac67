package io.floatwatch.alerter.notify;

import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.Scrape;
import io.floatwatch.alerter.metrics.PipelineMetrics;
import io.floatwatch.model.finding.EventType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Notification started = new EventNotification(event(EventType.FAILOVER_STARTED, T0, null, "started"));

    @Test
    void shouldDeliverWhenTheNotifierRecoversBeforeTheLastAttempt() {
        List<Notification> delivered = new ArrayList<>();
        int[] calls = {0};
        Notifier flaky = n -> {
            if (++calls[0] < 3) {
                throw new IOException("webhook answered 503");
            }
            delivered.add(n);
        };

        boolean ok = new Dispatcher(flaky, new PipelineMetrics(registry), 3, Duration.ofMillis(1)).dispatch(started);

        assertThat(ok).isTrue();
        assertThat(delivered).containsExactly(started);
        assertThat(new Scrape(registry.scrape()).value("floatwatch_alerter_notifications_total", Map.of("outcome", "sent")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldCountAndGoOnWhenTheNotifierKeepsFailing() {
        Notifier broken = n -> {
            throw new IOException("connection refused");
        };

        boolean ok = new Dispatcher(broken, new PipelineMetrics(registry), 2, Duration.ofMillis(1)).dispatch(started);

        assertThat(ok).isFalse();
        assertThat(new Scrape(registry.scrape()).value("floatwatch_alerter_notifications_total", Map.of("outcome", "failed")))
                .isEqualTo(1.0);
    }
}
