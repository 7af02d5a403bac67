package io.floatwatch.analyzer.core.probe;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When failing probes of a file system are a failover's outage being measured rather than a finding. FSx documents
 * failover and failback as under 60 s each and NFS clients add their own recovery (NFSv4 up to about 90 s of grace),
 * so failures while a move is under way, and for a settle time after it ({@link RulePolicy#probeSettle}), are the
 * move's.
 */
public final class ProbeWindow {

    // The failure grace, the lead (how long before a move was seen its outage may have started: the probe notices a
    // dead server before the route poll notices the flip) and the settle time come from RulePolicy.probeGrace.

    private ProbeWindow() {
    }

    /** The key a path piece reads so that a cycle starting or ending re-judges its probe correlation. */
    public static String key(String fsId) {
        return "probe-window:" + fsId;
    }

    /** What of the cycle the probe rules read; a change of it re-judges them. */
    static Object of(FileSystemState s) {
        return s == null ? null : java.util.Arrays.asList(s.phase(), s.convergedAt(), s.cycleEndedAt());
    }

    public static boolean changed(FileSystemState before, FileSystemState after) {
        return !Objects.equals(of(before), of(after));
    }

    /**
     * Until when failures are the cycle's (a move under way: {@link Instant#MAX}); null when they are not.
     */
    static Instant quietUntil(FileSystemState s, Instant at, Duration settle) {
        if (s == null || s.phase() == null) {
            return null;
        }
        Instant until = switch (s.phase()) {
            case FAILING_OVER, FAILING_BACK -> Instant.MAX;
            case FAILED_OVER -> s.convergedAt() == null ? null : s.convergedAt().plus(settle);
            case HOME -> s.cycleEndedAt() == null ? null : s.cycleEndedAt().plus(settle);
        };
        return until != null && until.isAfter(at) ? until : null;
    }
}
