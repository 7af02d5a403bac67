package io.floatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void shouldReadLikeAPersonWritesWhenFormattingDurations() {
        assertThat(HumanDuration.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(598))).isEqualTo("9m58s");
        assertThat(HumanDuration.format(Duration.ofMinutes(34).plusSeconds(12))).isEqualTo("34m12s");
        assertThat(HumanDuration.format(Duration.ofHours(2).plusMinutes(5))).isEqualTo("2h5m");
        assertThat(HumanDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }

    @Test
    void shouldReadBackAsWrittenInTheConfigWhenWholeHoursOrMinutes() {
        assertThat(HumanDuration.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(HumanDuration.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(HumanDuration.format(Duration.ofHours(1).plusSeconds(3))).isEqualTo("1h3s");
    }
}
