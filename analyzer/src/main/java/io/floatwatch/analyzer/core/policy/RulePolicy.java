package io.floatwatch.analyzer.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the rules beyond the stall deadline, all in event time.
 *
 * @param failbackOverdue   FAILED_OVER this long without a failback starting is FSX_FAILBACK_OVERDUE. One hour:
 *                          the observed OpenZFS failover failed back "tens of minutes" after converging.
 * @param maintenanceWindow how long after the weekly maintenance start (and after a tunnel under maintenance
 *                          changed state) a failover still counts as planned. FSx publishes only the start;
 *                          an hour covers the work plus the ~10 minute route flip.
 * @param staleAfter        a source whose latest poll marker is older than this (or failed) makes DATA_STALE;
 *                          keep it above three times the slowest poll interval
 * @param flapWindow        the window in which tunnel state changes are counted
 * @param flapThreshold     this many changes within the window is flapping
 * @param telemetryGrace    how long CloudWatch TunnelState may lag VgwTelemetry (it is typically 5 to 10
 *                          minutes late) before the lag counts as stale
 * @param unplannedGrace    how long after a failover starts, without a newer FSx observation of the file system,
 *                          its cause is still unknown. FSx reports an administrative action with up to a poll's delay
 *                          (60 s by default), so deciding at the route flip would page for a throughput change and
 *                          resolve a poll later. Two minutes cover the default FSx poll; a newer FSx observation
 *                          decides earlier.
 * @param probeGrace        how long a client's probe must fail before a path the routes allow is PROBE_BLOCKED_PATH_OK,
 *                          and how long before a failover was seen its outage may have started: the route poll can see
 *                          a flip a minute after clients lost the server. A move settles for 1.5 times this after it
 *                          converged or came home.
 */
public record RulePolicy(Duration failbackOverdue, Duration maintenanceWindow, Duration staleAfter, Duration flapWindow,
        int flapThreshold, Duration telemetryGrace, Duration unplannedGrace, Duration probeGrace) {

    public static final Duration DEFAULT_FAILBACK_OVERDUE = Duration.ofHours(1);
    public static final Duration DEFAULT_MAINTENANCE_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_FLAP_THRESHOLD = 4;
    /** One change is a state change, not a flap. */
    public static final int MIN_FLAP_THRESHOLD = 2;
    public static final Duration DEFAULT_TELEMETRY_GRACE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_UNPLANNED_GRACE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_PROBE_GRACE = Duration.ofMinutes(2);

    public RulePolicy {
        failbackOverdue = positive(failbackOverdue, DEFAULT_FAILBACK_OVERDUE, "failbackOverdue");
        maintenanceWindow = positive(maintenanceWindow, DEFAULT_MAINTENANCE_WINDOW, "maintenanceWindow");
        staleAfter = positive(staleAfter, DEFAULT_STALE_AFTER, "staleAfter");
        flapWindow = positive(flapWindow, DEFAULT_FLAP_WINDOW, "flapWindow");
        telemetryGrace = positive(telemetryGrace, DEFAULT_TELEMETRY_GRACE, "telemetryGrace");
        unplannedGrace = positive(unplannedGrace, DEFAULT_UNPLANNED_GRACE, "unplannedGrace");
        probeGrace = positive(probeGrace, DEFAULT_PROBE_GRACE, "probeGrace");
        if (flapThreshold < MIN_FLAP_THRESHOLD) {
            throw new IllegalArgumentException("flapThreshold must be at least " + MIN_FLAP_THRESHOLD + ", got " + flapThreshold);
        }
    }

    /** The default probe grace. */
    public RulePolicy(Duration failbackOverdue, Duration maintenanceWindow, Duration staleAfter, Duration flapWindow,
            int flapThreshold, Duration telemetryGrace, Duration unplannedGrace) {
        this(failbackOverdue, maintenanceWindow, staleAfter, flapWindow, flapThreshold, telemetryGrace, unplannedGrace, null);
    }

    /** How long after a move converged or came home failing probes are still its outage. */
    public Duration probeSettle() {
        return probeGrace.plus(probeGrace.dividedBy(2));
    }

    /** The default unplanned grace: callers written before it existed keep compiling. */
    public RulePolicy(Duration failbackOverdue, Duration maintenanceWindow, Duration staleAfter, Duration flapWindow,
            int flapThreshold, Duration telemetryGrace) {
        this(failbackOverdue, maintenanceWindow, staleAfter, flapWindow, flapThreshold, telemetryGrace, null, null);
    }

    public static RulePolicy defaults() {
        return new RulePolicy(null, null, null, null, DEFAULT_FLAP_THRESHOLD, null, null, null);
    }

    private static Duration positive(Duration d, Duration fallback, String name) {
        Duration v = d == null ? fallback : d;
        Objects.requireNonNull(v, name);
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
        return v;
    }
}
