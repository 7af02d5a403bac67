package io.floatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.app.health.HealthCheck;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void shouldRetryAndReportNotReadyWhileKafkaCannotBeReachedThenStartWhenItCan() throws Exception {
        Startup startup = new Startup("kafka.not-yet:9092");
        HealthCheck check = startup.check();
        AtomicInteger attempts = new AtomicInteger();
        assertThat(check.run().ok()).as("not ready before the roles started").isFalse();

        Object started = startup.run(new CountDownLatch(1), () -> {
            if (attempts.incrementAndGet() < 3) {
                assertThat(attempts.get() == 1 || !check.run().ok()).isTrue();
                // What the Kafka clients throw while the bootstrap name does not resolve yet.
                throw new ConfigException("No resolvable bootstrap urls given in bootstrap.servers");
            }
            assertThat(check.run().detail()).contains("attempt 2").contains("No resolvable bootstrap urls");
            return null;
        });

        assertThat(started).isNull();
        assertThat(attempts).hasValue(3);
        assertThat(check.run().ok()).isTrue();
    }

    @Test
    void shouldStopWaitingWhenAskedToStopAndNotRetryWhatKafkaDidNotCause() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        stop.countDown();
        assertThat(new Startup("k:9092").run(stop, () -> {
            throw new ConfigException("unreachable");
        })).isNull();
        assertThatThrownBy(() -> new Startup("k:9092").run(new CountDownLatch(1), () -> {
            throw new IllegalStateException("cannot listen on 0.0.0.0:9464");
        })).hasMessageContaining("cannot listen");
    }
}
