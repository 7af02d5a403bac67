package io.floatwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.observation.ProbeOutcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One handshake against loopback listeners that accept, refuse and hang. */
class TcpProbeTest {

    private final LoopbackListeners listeners = new LoopbackListeners();
    private final TcpProbe probe = new TcpProbe(Duration.ofMillis(500));

    @AfterEach
    void close() {
        listeners.close();
    }

    @Test
    void shouldReportConnectedWithItsLatencyWhenTheListenerAccepts() throws Exception {
        InetSocketAddress at = listeners.accepting("127.0.0.2");

        TcpProbe.Result r = probe.probe(at);

        assertThat(r.outcome()).isEqualTo(ProbeOutcome.CONNECTED);
        assertThat(r.latencyMillis()).isNotNull().isGreaterThanOrEqualTo(0L);
    }

    @Test
    void shouldReportRefusedWhenNothingListens() throws Exception {
        TcpProbe.Result r = probe.probe(listeners.refusing("127.0.0.3"));

        assertThat(r.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(r.latencyMillis()).isNull();
    }

    @Test
    void shouldReportTimeoutWhenTheListenerNeverCompletesTheHandshake() throws Exception {
        TcpProbe.Result r = probe.probe(listeners.hanging("127.0.0.4"));

        assertThat(r.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
    }
}
