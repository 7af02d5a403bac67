package io.floatwatch.alerter.notify;

import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.Scrape;
import io.floatwatch.alerter.metrics.PipelineMetrics;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkFilterTest {

    private final SinkFilter pager = new SinkFilter(Severity.CRITICAL, false, false);
    private final Finding failedOver = firing(FindingType.FSX_FAILED_OVER, T0, "failing over: 1/2 tables moved");
    private final Finding stalled = firing(FindingType.FSX_FAILOVER_STALLED, T0.plusSeconds(900), "stalled");

    @Test
    void shouldStayQuietWhenAFailoverIsStillConvergingAndPageWhenItStalls() {
        assertThat(pager.test(new FindingNotification(FindingNotification.Kind.FIRING, failedOver))).isFalse();
        assertThat(pager.test(new FindingNotification(FindingNotification.Kind.UPDATED, failedOver))).isFalse();
        assertThat(pager.test(new FindingNotification(FindingNotification.Kind.FIRING, stalled))).isTrue();
        assertThat(pager.test(new FindingNotification(FindingNotification.Kind.RESOLVED,
                stalled.resolved(T0.plusSeconds(1000), "converged", null)))).isTrue();
        assertThat(pager.test(new EventNotification(event(EventType.FAILOVER_STARTED, T0, null, "started")))).isFalse();
    }

    @Test
    void shouldTellAnEscalationAsFiringWhenAFiringFindingBecomesMoreSevere() {
        FindingLedger ledger = new FindingLedger();
        Finding critical = new Finding(failedOver.id(), failedOver.type(), Severity.CRITICAL, failedOver.status(),
                failedOver.subject(), failedOver.labels(), failedOver.startedAt(), null, T0.plusSeconds(60),
                failedOver.evidence(), "escalated", failedOver.runbook());

        ledger.record(failedOver.id(), failedOver);
        FindingNotification escalation = ledger.record(critical.id(), critical).orElseThrow();

        assertThat(escalation.kind()).isEqualTo(FindingNotification.Kind.FIRING);
        assertThat(pager.test(escalation)).isTrue();
    }

    @Test
    void shouldRetryAndCountEachSinkApartWhenOneSinkIsBroken() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Notification> chat = new ArrayList<>();
        int[] brokenCalls = {0};
        Sinks sinks = Sinks.of(new Sink("chat", chat::add, SinkFilter.everything()), new Sink("pager", n -> {
            brokenCalls[0]++;
            throw new IOException("pager: HTTP 503");
        }, pager));
        Dispatcher dispatcher = new Dispatcher(sinks, new PipelineMetrics(registry), 3, Duration.ofMillis(1));
        Notification page = new FindingNotification(FindingNotification.Kind.FIRING, stalled);

        assertThat(dispatcher.dispatch(page)).isFalse();

        assertThat(chat).containsExactly(page);
        assertThat(brokenCalls[0]).isEqualTo(3);
        Scrape scrape = new Scrape(registry.scrape());
        assertThat(scrape.value("floatwatch_alerter_notifications_total", Map.of("sink", "chat", "outcome", "sent")))
                .isEqualTo(1.0);
        assertThat(scrape.value("floatwatch_alerter_notifications_total", Map.of("sink", "pager", "outcome", "failed")))
                .isEqualTo(1.0);
    }
}
