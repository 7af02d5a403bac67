package io.floatwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.ProbeObservation;
import io.floatwatch.model.observation.ProbeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Change-only publishing with a heartbeat, and the outage a success carries. */
class ProbeTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TcpProbe.Result OK = new TcpProbe.Result(ProbeOutcome.CONNECTED, 1L);
    private static final TcpProbe.Result TIMEOUT = new TcpProbe.Result(ProbeOutcome.TIMEOUT, null);
    private static final TcpProbe.Result REFUSED = new TcpProbe.Result(ProbeOutcome.REFUSED, null);

    private final ProbeTracker tracker = new ProbeTracker(new Scope("123456789012", "ap-northeast-1"), "app",
            "fs-0123456789abcdef0", "10.0.255.231", 2049, "nfs", Duration.ofSeconds(30));

    private Optional<ProbeObservation> at(long seconds, TcpProbe.Result r) {
        return tracker.record(r, T0.plusSeconds(seconds));
    }

    @Test
    void shouldPublishChangesAtOnceAndAnUnchangedOutcomeOncePerHeartbeat() {
        assertThat(at(0, OK)).as("first result").isPresent();
        assertThat(at(5, OK)).isEmpty();
        assertThat(at(25, OK)).isEmpty();
        assertThat(at(30, OK)).as("heartbeat").get().extracting(ProbeObservation::since).isEqualTo(T0);
        assertThat(at(35, TIMEOUT)).as("changed").get().extracting(ProbeObservation::outcome).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(at(40, TIMEOUT)).isEmpty();
    }

    @Test
    void shouldCarryTheFirstFailedProbeInTheFirstSuccessWhenTheFailureKindChangedOnTheWay() {
        at(0, OK);
        ProbeObservation failing = at(10, TIMEOUT).orElseThrow();
        assertThat(failing.outageStart()).isEqualTo(T0.plusSeconds(10));
        ProbeObservation refused = at(20, REFUSED).orElseThrow();
        assertThat(refused.since()).isEqualTo(T0.plusSeconds(20));
        assertThat(refused.outageStart()).as("the streak started with the timeout").isEqualTo(T0.plusSeconds(10));

        ProbeObservation back = at(52, OK).orElseThrow();

        assertThat(back.endedOutage()).isEqualTo(Duration.ofSeconds(42));
        assertThat(at(82, OK).orElseThrow().endedOutage()).as("heartbeats repeat it").isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void shouldKeyTheRecordByTheFileSystemScopeClientAndEndpoint() {
        ProbeObservation o = at(0, OK).orElseThrow();

        assertThat(o.key().value()).isEqualTo("123456789012/ap-northeast-1/probe/app/fs-0123456789abcdef0/10.0.255.231:2049");
        assertThat(o.key().partitionKey()).isEqualTo("ap-northeast-1");
        assertThat(o.staleAt()).isEqualTo(T0.plusSeconds(90));
    }
}
