package io.floatwatch.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaReachabilityIT {

    @Test
    void shouldReportNotReadyWithTheAddressTriedWhenNoBrokerAnswersAndReadyOnceOneDoes() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + port;
        try (KafkaReachability k = new KafkaReachability(nowhere, Map.of(), Duration.ofMillis(200), Duration.ofSeconds(1))) {
            assertThat(k.problem()).contains("not reached yet").contains(nowhere);
            assertThat(k.awaitReachable(Duration.ofMillis(300))).isFalse();
        }
        try (KafkaBroker broker = KafkaBrokers.start();
                KafkaReachability k = KafkaReachability.start(broker.bootstrapServers(), Map.of())) {
            assertThat(k.awaitReachable(Duration.ofSeconds(60))).isTrue();
            assertThat(k.problem()).isNull();
        }
    }

    @Test
    void shouldDoubleTheDelayUpToItsCapAndStartOverWhenReset() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(java.util.stream.Stream.generate(backoff::next).limit(7).toList()).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
