package io.floatwatch.analyzer.core.incremental;

import io.floatwatch.analyzer.core.failover.CycleFindings;
import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.failover.Phase;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.sources.SourceCadence;
import io.floatwatch.analyzer.core.sources.SourceStaleness;
import io.floatwatch.analyzer.core.vpn.TunnelMemory;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The earliest event time after {@code at} at which a time-based rule could judge one piece
 * ({@link Units}) differently with the model unchanged: a stall or failback-overdue deadline, the
 * grace of an unplanned failover, a source going silent, a flapping change leaving its window,
 * CloudWatch lag passing its grace. Until then only a change of what the piece read re-judges it.
 *
 * <p>Computed each time a piece is judged; the rules themselves stay the one place that decides
 * what fires. Erring early only costs judging the piece once more.
 * Rules that fire on "older than" fire one nanosecond after the boundary, hence the {@code plusNanos}.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The file system's next stall, failback-overdue or unplanned-grace deadline, or null. */
    public static Instant forFileSystem(FileSystemState s, Instant at, FailoverPolicy failover, RulePolicy rules) {
        Next next = new Next(at);
        if (s == null || s.phase() == null || s.phase() == Phase.HOME) {
            return null;
        }
        next.offer(s.failoverStartedAt(), failover.stallDeadline());
        next.offer(s.failbackStartedAt(), failover.stallDeadline());
        next.offer(s.convergedAt(), rules.failbackOverdue());
        next.offer(s.failoverStartedAt(), rules.failbackOverdue());
        if (CycleFindings.awaitingCause(s)) {
            next.offer(s.failoverStartedAt(), rules.unplannedGrace());
        }
        return next.earliest;
    }

    /** When a source of the scope turns silent, or null. */
    public static Instant forStaleness(Map<String, PollCompleted> polls, Map<String, SourceCadence> sources, Instant at,
            RulePolicy rules) {
        Next next = new Next(at);
        for (PollCompleted poll : polls.values()) {
            next.offerAfter(poll.observedAt(), SourceStaleness.silentAfter(sources.get(poll.source()), rules));
        }
        return next.earliest;
    }

    /**
     * When a tunnel of the connection leaves the flap window, or its telemetry (VgwTelemetry's change or
     * CloudWatch's datapoint) outgrows the grace; or null.
     */
    public static Instant forVpn(VpnConnectionObservation vpn, Map<String, TunnelMemory> memory,
            RegionModel model, Duration telemetryGrace, Instant at, RulePolicy rules) {
        Next next = new Next(at);
        for (Tunnel t : vpn.tunnels()) {
            TunnelMemory m = memory.get(t.outsideIpAddress());
            if (m != null) {
                for (Instant change : m.changes()) {
                    next.offerAfter(change, rules.flapWindow());
                }
            }
            next.offerAfter(t.lastStatusChange(), telemetryGrace);
            TunnelStateObservation metric = model.tunnelState(t.outsideIpAddress()).orElse(null);
            if (metric != null) {
                next.offerAfter(metric.datapointTime(), telemetryGrace);
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
