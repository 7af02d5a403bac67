package io.floatwatch.alerter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void shouldReadLikeAPersonWritesWhenFormattingDurations() {
        assertThat(HumanDuration.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(598))).isEqualTo("9m58s");
        assertThat(HumanDuration.format(Duration.ofMinutes(34).plusSeconds(12))).isEqualTo("34m12s");
        assertThat(HumanDuration.format(Duration.ofHours(2).plusMinutes(5))).isEqualTo("2h5m0s");
        assertThat(HumanDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }
}
