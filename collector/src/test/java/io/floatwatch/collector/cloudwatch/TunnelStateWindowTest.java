package io.floatwatch.collector.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TunnelStateWindowTest {

    private static final Instant END = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void shouldAlignTheWindowToFiveMinutePeriodsWhenThePollRunsBetweenThem() {
        assertThat(TunnelStateSource.alignToPeriod(Instant.parse("2025-01-01T10:04:59.900Z"))).isEqualTo(END);
        assertThat(TunnelStateSource.alignToPeriod(END)).isEqualTo(END);
    }

    @Test
    void shouldReachBackOneHourWhenTheScopeWasNeverPolled() {
        assertThat(TunnelStateSource.windowStart(null, END)).isEqualTo(END.minus(Duration.ofHours(1)));
    }

    @Test
    void shouldOverlapThePreviousWindowWhenDatapointsMayHaveLandedLate() {
        // Hourly polls: every 5-minute period since the last poll, plus 15 minutes CloudWatch may have published late.
        assertThat(TunnelStateSource.windowStart(END.minus(Duration.ofHours(1)), END))
                .isEqualTo(END.minus(Duration.ofMinutes(75)));
    }

    @Test
    void shouldStopAtOneDayWhenTheLastSuccessfulPollIsOlder() {
        assertThat(TunnelStateSource.windowStart(END.minus(Duration.ofDays(3)), END)).isEqualTo(END.minus(Duration.ofDays(1)));
    }
}
