package io.floatwatch.alerter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FindingMetricsRetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldKeepAResolvedSeriesAtZeroForItsRetentionThenRemoveItWhenNothingFiresThereAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Moving clock = new Moving();
        FindingMetrics metrics = new FindingMetrics(registry, clock);
        Finding firing = Records.firing(FindingType.FSX_FAILED_OVER, T0, "failed over");

        metrics.apply(firing.id(), firing);
        assertThat(registry.get(MetricNames.FINDINGS_ACTIVE).gauge().value()).isEqualTo(1);

        metrics.apply(firing.id(), firing.resolved(T0.plusSeconds(60), "failed back", null));
        clock.now = T0.plus(FindingMetrics.RETENTION).minusSeconds(60);
        metrics.retire();
        assertThat(registry.get(MetricNames.FINDINGS_ACTIVE).gauge().value()).as("the drop stays visible").isZero();

        clock.now = T0.plus(FindingMetrics.RETENTION).plusSeconds(60);
        metrics.retire();
        assertThat(registry.find(MetricNames.FINDINGS_ACTIVE).gauges()).as("then the series goes").isEmpty();

        metrics.apply(firing.id(), firing);
        assertThat(registry.get(MetricNames.FINDINGS_ACTIVE).gauge().value()).as("and comes back when it fires again")
                .isEqualTo(1);
        clock.now = clock.now.plus(Duration.ofHours(1));
        metrics.retire();
        assertThat(registry.get(MetricNames.FINDINGS_ACTIVE).gauge().value()).as("a firing series is never retired")
                .isEqualTo(1);
    }
}
