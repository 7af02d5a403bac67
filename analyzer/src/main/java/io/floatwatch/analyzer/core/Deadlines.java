package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The earliest event time after {@code at} at which a time-based rule could judge differently
 * with the model unchanged: a stall or failback-overdue deadline, the grace of an unplanned
 * failover, a source going silent, a flapping change leaving its window, CloudWatch lag passing
 * its grace. Until then an observation that changes nothing in the model only moves the clock.
 *
 * <p>Computed once per full evaluation (linear in file systems, tunnels and sources); the rules
 * themselves stay the one place that decides what fires. Erring early only costs a full evaluation.
 * Rules that fire on "older than" fire one nanosecond after the boundary, hence the {@code plusNanos}.
 */
final class Deadlines {

    private Deadlines() {
    }

    static Instant next(ScopeState state, RegionModel model, Instant at, FailoverPolicy failover, RulePolicy rules) {
        Next next = new Next(at);
        for (FileSystemState s : state.fileSystems().values()) {
            if (s.phase() == null || s.phase() == Phase.HOME) {
                continue;
            }
            next.offer(s.failoverStartedAt(), failover.stallDeadline());
            next.offer(s.failbackStartedAt(), failover.stallDeadline());
            next.offer(s.convergedAt(), rules.failbackOverdue());
            next.offer(s.failoverStartedAt(), rules.failbackOverdue());
            if (CycleFindings.awaitingCause(s)) {
                next.offer(s.failoverStartedAt(), rules.unplannedGrace());
            }
        }
        for (PollCompleted poll : model.polls().values()) {
            next.offerAfter(poll.observedAt(), SourceStaleness.silentAfter(state.sources().get(poll.source()), rules));
        }
        for (TunnelMemory memory : state.tunnels().values()) {
            for (Instant change : memory.changes()) {
                next.offerAfter(change, rules.flapWindow());
            }
        }
        Duration telemetryGrace = TunnelTelemetry.grace(rules, state.sources().get(TunnelTelemetry.CLOUDWATCH_SOURCE));
        for (VpnConnectionObservation vpn : model.vpnConnections()) {
            for (Tunnel t : vpn.tunnels()) {
                next.offerAfter(t.lastStatusChange(), telemetryGrace);
                next.offerAfter(t.lastStatusChange(), rules.maintenanceWindow());
                TunnelStateObservation m = model.tunnelState(t.outsideIpAddress()).orElse(null);
                if (m != null) {
                    next.offerAfter(m.datapointTime(), telemetryGrace);
                }
            }
        }
        return next.earliest;
    }

    private static final class Next {
        private final Instant after;
        private Instant earliest;

        Next(Instant after) {
            this.after = after;
        }

        /** A rule that fires once {@code at >= since + wait}. */
        void offer(Instant since, Duration wait) {
            if (since != null) {
                consider(since.plus(wait));
            }
        }

        /** A rule that fires once {@code at - since > wait}. */
        void offerAfter(Instant since, Duration wait) {
            if (since != null) {
                consider(since.plus(wait).plusNanos(1));
            }
        }

        private void consider(Instant candidate) {
            if (candidate.isAfter(after) && (earliest == null || candidate.isBefore(earliest))) {
                earliest = candidate;
            }
        }
    }
}
