package io.floatwatch.collector.ec2;

import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the fast route-table loop polls next: a pure decision from what the collector already knows
 * (the file systems' last read, its own last read of the managed tables) and the clock.
 *
 * <p>Calls go where failovers happen. FSx fails over mostly while a file system is being changed (an
 * administrative action such as a throughput update) or maintained (its weekly window), and once a
 * flip has started every managed table moves within about a minute; so those moments get the
 * {@code urgent} cadence, everything else the steady {@code interval}. Neither may cost more than a
 * share of the scope's EC2 rate: when one poll takes several calls (2,000 managed tables are 20 pages)
 * the interval stretches to {@code calls / (rate x share)}, so the fast loop can neither starve the
 * other sources nor fail its own polls at their deadline waiting for tokens.
 *
 * <p>Where re-reading every managed table at the urgent cadence would not fit, an urgent poll reads only
 * the <em>focus</em>: the tables of the file systems that make it urgent and the tables whose routes are
 * moving (one call for up to 100), at what is left of the urgent share; every table is still read at the
 * steady (stretched) interval. So a 50,000-table region with 2,000 managed tables reads all of them every
 * 20 s and the four tables of a file system under a throughput update every 2 s.
 *
 * <p>A flip out of the blue (no action, no window) would wait for that full read; so where a full read costs more calls
 * than the {@link FlipSentinel} (3 calls for 500 file systems), steady polls between full reads ask only the sentinel,
 * at {@link #SENTINEL_PART} of the steady share, and the full read runs at the rest: 4 s and 80 s at 2,000 tables. A
 * table the sentinel answers is a route that moved: the loop turns urgent and focus-reads it. While urgent, focus polls
 * also ask the sentinel once per its interval, so a second file system's flip is not left to the rarer full reads.
 *
 * <p>Where a full read would also be a long poll (more than {@link #POLL_CALL_CAP} calls: 20 pages at 2,000 tables, 5-10 s
 * at 2 calls/s), the sentinel could not run while it did, and a flip that landed then waited for it: so there the full read
 * <em>rolls</em>. Each poll that asks the sentinel also reads the next {@link #rollingPages} page(s) of the managed tables
 * (100 ids each), at the same steady half of the share: 3 sentinel calls and 1 page every 4 s at 2,000 tables, all of them
 * every 80 s as before, and no poll longer than 4 calls.
 */
public final class RouteTableCadence {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_URGENT = Duration.ofSeconds(1);
    /**
     * How long after its weekly start time a maintenance window counts, unless set ({@link Windows}). FSx documents only
     * the start (WeeklyMaintenanceStartTime, {@code d:HH:MM} UTC); the analyzer calls a failover planned within
     * {@code analyzer.maintenanceWindow} (default 1 h, the analyzer's own default) of it, and the collector watches the
     * same span. A failback that runs past it keeps the urgent cadence through the converging signal.
     */
    public static final Duration MAINTENANCE_WINDOW = Duration.ofHours(1);
    /** How long after the last change of a managed route the loop stays urgent: FSx moves every table within ~60 s. */
    public static final Duration CONVERGING_HOLD = Duration.ofMinutes(2);
    /**
     * How long tables that disagree keep the loop urgent after the last move (or since first seen disagreeing), unless set
     * ({@link Windows}): a flip half done for this long is stalled (the analyzer's stallDeadline, whose default this is),
     * paged as such, and watched at the steady cadence from then on, so a stalled failover does not hold the loop, and
     * the inventory behind it, at the urgent rate.
     */
    public static final Duration DISAGREEMENT_HOLD = Duration.ofMinutes(15);
    /** The steady cadence may take this share of the scope's EC2 rate; the rest is for the other sources and the inventory. */
    static final double STEADY_SHARE = 0.5;
    /** The urgent cadence may take this much: the inventory waits, the other sources still get a quarter. */
    static final double URGENT_SHARE = 0.75;

    /** The part of the steady share the sentinel takes where it runs; the full reads of every managed table take the rest. */
    static final double SENTINEL_PART = 0.75;
    /**
     * The most calls a steady poll that asks the sentinel should make: at the 2/s share and its burst of 10, four calls go
     * out at once, so a flip is published within the sentinel's interval plus a second or so. A full read above it rolls.
     */
    static final int POLL_CALL_CAP = 4;

    /** Why the loop polls at this cadence, for logs and the benchmark. */
    public enum Reason { STEADY, ADMINISTRATIVE_ACTION, MAINTENANCE_WINDOW, CONVERGING }

    /**
     * What the collector knows of one scope.
     *
     * @param fileSystems     the file systems of the scope's last file-system poll
     * @param routesDisagree  in the loop's last read, one floating /32 routed to different ENIs by different managed tables
     * @param lastRouteChange when the loop last saw a managed /32 route move to another target, or null
     * @param callsPerPoll    EC2 calls the loop's last read of every managed table made (at least 1)
     * @param movingTables    tables whose floating routes moved within {@link #CONVERGING_HOLD} or disagree with another table's
     * @param lastFullRead    when the loop last read every managed table, or null
     * @param sentinelCalls   EC2 calls of one {@link FlipSentinel} read (0: nothing to watch)
     * @param lastSentinel    when the sentinel was last asked, or null
     */
    public record Knowledge(List<FileSystemObservation> fileSystems, boolean routesDisagree, Instant lastRouteChange, int callsPerPoll,
            Set<String> movingTables, Instant lastFullRead, int sentinelCalls, Instant lastSentinel) {
        public Knowledge {
            fileSystems = fileSystems == null ? List.of() : List.copyOf(fileSystems);
            callsPerPoll = Math.max(1, callsPerPoll);
            movingTables = movingTables == null ? Set.of() : Set.copyOf(movingTables);
            sentinelCalls = Math.max(0, sentinelCalls);
        }

        public Knowledge(List<FileSystemObservation> fileSystems, boolean routesDisagree, Instant lastRouteChange, int callsPerPoll,
                Set<String> movingTables, Instant lastFullRead, int sentinelCalls) {
            this(fileSystems, routesDisagree, lastRouteChange, callsPerPoll, movingTables, lastFullRead, sentinelCalls, null);
        }

        public Knowledge(List<FileSystemObservation> fileSystems, boolean routesDisagree, Instant lastRouteChange, int callsPerPoll,
                Set<String> movingTables, Instant lastFullRead) {
            this(fileSystems, routesDisagree, lastRouteChange, callsPerPoll, movingTables, lastFullRead, 0, null);
        }

        public Knowledge(List<FileSystemObservation> fileSystems, boolean routesDisagree, Instant lastRouteChange, int callsPerPoll) {
            this(fileSystems, routesDisagree, lastRouteChange, callsPerPoll, Set.of(), null);
        }
    }

    /**
     * The spans the loop stays urgent for that are the analyzer's to set ({@code analyzer.maintenanceWindow},
     * {@code analyzer.stallDeadline}): the collector watches closely exactly while the analyzer would still call a
     * failover planned, or not yet stalled.
     */
    public record Windows(Duration maintenanceWindow, Duration disagreementHold) {

        public static final Windows DEFAULTS = new Windows(MAINTENANCE_WINDOW, DISAGREEMENT_HOLD);

        public Windows {
            if (maintenanceWindow == null || maintenanceWindow.isNegative() || maintenanceWindow.isZero()) {
                throw new IllegalArgumentException("maintenanceWindow must be positive, was " + maintenanceWindow);
            }
            if (disagreementHold == null || disagreementHold.isNegative() || disagreementHold.isZero()) {
                throw new IllegalArgumentException("disagreementHold must be positive, was " + disagreementHold);
            }
        }
    }

    /** The next interval and why; {@code budgetBound} when the EC2 share, not the setting, set it. */
    public record Decision(Duration interval, Reason reason, boolean budgetBound) {
    }

    private final Duration interval;
    private final Duration urgent;
    private final double ec2CallsPerSecond;
    private final Windows windows;

    /** With the default {@link Windows}. */
    public RouteTableCadence(Duration interval, Duration urgent, double ec2CallsPerSecond) {
        this(interval, urgent, ec2CallsPerSecond, Windows.DEFAULTS);
    }

    /**
     * @param interval          the steady cadence (collector.routeTablesInterval)
     * @param urgent            the cadence while a failover is likely or under way; capped at {@code interval}
     * @param ec2CallsPerSecond the scope's EC2 token bucket refill
     */
    public RouteTableCadence(Duration interval, Duration urgent, double ec2CallsPerSecond, Windows windows) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (urgent == null || urgent.isNegative() || urgent.isZero()) {
            throw new IllegalArgumentException("urgent interval must be positive, was " + urgent);
        }
        if (!(ec2CallsPerSecond > 0)) {
            throw new IllegalArgumentException("ec2CallsPerSecond must be > 0, was " + ec2CallsPerSecond);
        }
        this.interval = interval;
        this.urgent = urgent.compareTo(interval) < 0 ? urgent : interval;
        this.ec2CallsPerSecond = ec2CallsPerSecond;
        this.windows = java.util.Objects.requireNonNull(windows, "windows");
    }

    public Decision next(Knowledge knowledge, Instant now) {
        Reason reason = reason(knowledge, now);
        if (reason == Reason.STEADY) {
            if (watching(knowledge)) {
                Duration sentinel = sentinelInterval(knowledge);
                return new Decision(sentinel, reason, sentinel.compareTo(interval) > 0);
            }
            return bounded(interval, floor(knowledge.callsPerPoll(), STEADY_SHARE), reason);
        }
        if (!focusOnly(knowledge)) {
            return bounded(urgent, floor(knowledge.callsPerPoll(), URGENT_SHARE), reason);
        }
        // Focus polls take what the urgent share leaves beside the full reads at the steady share.
        return bounded(urgent, floor(focusCalls(focus(knowledge, now)), URGENT_SHARE - STEADY_SHARE), reason);
    }

    /**
     * Whether the poll about to start reads every managed table; otherwise only {@link #focus}. Every poll reads all
     * when that fits the urgent cadence (one or two calls), or nothing is urgent, or the last full read is a steady
     * interval old.
     */
    public boolean readAll(Knowledge knowledge, Instant now) {
        if (knowledge.lastFullRead() == null) {
            return true;
        }
        if (rolling(knowledge)) {
            return false;
        }
        if (reason(knowledge, now) == Reason.STEADY) {
            return !watching(knowledge) || !now.isBefore(knowledge.lastFullRead().plus(fullReadInterval(knowledge)));
        }
        if (!focusOnly(knowledge)) {
            return true;
        }
        Duration full = watching(knowledge) ? fullReadInterval(knowledge) : steady(knowledge.callsPerPoll());
        return !now.isBefore(knowledge.lastFullRead().plus(full));
    }

    /**
     * Whether a focus poll also asks the sentinel: while one file system is urgent another can fail over out of the blue, and
     * the sentinel, at its own cadence from the steady share, is what sees it between the (then rarer) full reads.
     */
    public boolean sentinelWithFocus(Knowledge knowledge, Instant now) {
        if (!watching(knowledge) || readAll(knowledge, now) || reason(knowledge, now) == Reason.STEADY) {
            return false;
        }
        if (knowledge.lastSentinel() == null) {
            return true;
        }
        // Up to a quarter of a focus interval early: with the default jitter (+-10 %) two 2 s focus polls are 3.6-4.4 s apart,
        // and waiting for the first at or past 4 s would ask the sentinel every 6 s about half the time.
        Duration early = next(knowledge, now).interval().dividedBy(4);
        return !now.isBefore(knowledge.lastSentinel().plus(sentinelInterval(knowledge)).minus(early));
    }

    /**
     * How often the sentinel is asked: {@link #SENTINEL_PART} of the steady share, at most as often as the steady setting; where
     * the full read rolls, the sentinel and its page(s) together at the whole steady share.
     */
    Duration sentinelInterval(Knowledge knowledge) {
        Duration floor = rolling(knowledge)
                ? floor(knowledge.sentinelCalls() + rollingPages(knowledge), STEADY_SHARE)
                : floor(knowledge.sentinelCalls(), STEADY_SHARE * SENTINEL_PART);
        return floor.compareTo(interval) > 0 ? floor : interval;
    }

    /**
     * Whether the full read rolls: the sentinel runs, and a full read would be longer than {@link #POLL_CALL_CAP} calls, so
     * each sentinel poll reads {@link #rollingPages} page(s) of the managed tables instead of a rare long poll of all of them.
     */
    public static boolean rolling(Knowledge knowledge) {
        return watching(knowledge) && knowledge.callsPerPoll() > POLL_CALL_CAP;
    }

    /**
     * Pages of the rolling read beside each sentinel poll: what keeps the sentinel's {@link #SENTINEL_PART} of the calls (1
     * page beside 3 sentinel calls), at least 1, and within {@link #POLL_CALL_CAP} where the sentinel leaves room.
     */
    public static int rollingPages(Knowledge knowledge) {
        int keepPart = (int) Math.round(knowledge.sentinelCalls() * (1 - SENTINEL_PART) / SENTINEL_PART);
        return Math.max(1, Math.min(POLL_CALL_CAP - knowledge.sentinelCalls(), keepPart));
    }

    /**
     * The interval at which a flip out of the blue is seen in steady state, what floatwatch_poll_interval_seconds reports:
     * the sentinel's where it runs, else the (stretched) steady interval of a full read.
     */
    public Duration flipInterval(Knowledge knowledge) {
        return watching(knowledge) ? sentinelInterval(knowledge) : steady(knowledge.callsPerPoll());
    }

    /** Whether the poll about to start asks only the {@link FlipSentinel}: a steady poll between full reads where it is cheaper. */
    public boolean sentinel(Knowledge knowledge, Instant now) {
        return reason(knowledge, now) == Reason.STEADY && !readAll(knowledge, now);
    }

    /** Whether steady polls alternate the sentinel with rarer full reads: the sentinel has ENIs to watch and costs fewer calls. */
    public static boolean watching(Knowledge knowledge) {
        return knowledge.sentinelCalls() > 0 && knowledge.sentinelCalls() < knowledge.callsPerPoll();
    }

    /**
     * How often a steady loop that runs the sentinel reads every managed table: at what the sentinel leaves of the steady share;
     * where the read rolls, one pass of its pages at the sentinel's interval.
     */
    public Duration fullReadInterval(Knowledge knowledge) {
        if (rolling(knowledge)) {
            int pages = rollingPages(knowledge);
            return sentinelInterval(knowledge).multipliedBy((knowledge.callsPerPoll() + pages - 1) / pages);
        }
        Duration floor = floor(knowledge.callsPerPoll(), STEADY_SHARE * (1 - SENTINEL_PART));
        return floor.compareTo(interval) > 0 ? floor : interval;
    }

    /** The tables an urgent poll reads when it does not read all: those of the urgent file systems and the moving ones. */
    public Set<String> focus(Knowledge knowledge, Instant now) {
        Set<String> tables = new TreeSet<>(knowledge.movingTables());
        for (FileSystemObservation fs : knowledge.fileSystems()) {
            if (fs.multiAz() && (fs.administrativeActions().stream().anyMatch(AdministrativeAction::inProgress)
                    || inMaintenanceWindow(fs.weeklyMaintenanceStartTime(), now, windows.maintenanceWindow()))) {
                tables.addAll(fs.routeTableIds());
            }
        }
        return tables;
    }

    /** Whether every managed table at the urgent cadence would cost more than the urgent share. */
    private boolean focusOnly(Knowledge knowledge) {
        return floor(knowledge.callsPerPoll(), URGENT_SHARE).compareTo(urgent) > 0;
    }

    /** DescribeRouteTables calls to read {@code tables} by id: 100 per page. */
    static int focusCalls(Set<String> tables) {
        return Math.max(1, (tables.size() + 99) / 100);
    }

    private static Decision bounded(Duration wanted, Duration floor, Reason reason) {
        return floor.compareTo(wanted) > 0 ? new Decision(floor, reason, true) : new Decision(wanted, reason, false);
    }

    /**
     * The steady interval of a full read given its cost: what floatwatch_poll_interval_seconds reports where no sentinel runs
     * ({@link #flipInterval} otherwise).
     */
    public Duration steady(int callsPerPoll) {
        Duration floor = floor(Math.max(1, callsPerPoll), STEADY_SHARE);
        return floor.compareTo(interval) > 0 ? floor : interval;
    }

    private Duration floor(int calls, double share) {
        return Duration.ofMillis((long) Math.ceil(calls / (ec2CallsPerSecond * share) * 1000));
    }

    Reason reason(Knowledge knowledge, Instant now) {
        Instant change = knowledge.lastRouteChange();
        if (change != null && (!change.plus(CONVERGING_HOLD).isBefore(now)
                || (knowledge.routesDisagree() && !change.plus(windows.disagreementHold()).isBefore(now)))) {
            return Reason.CONVERGING;
        }
        for (FileSystemObservation fs : knowledge.fileSystems()) {
            if (fs.multiAz() && fs.administrativeActions().stream().anyMatch(AdministrativeAction::inProgress)) {
                return Reason.ADMINISTRATIVE_ACTION;
            }
        }
        for (FileSystemObservation fs : knowledge.fileSystems()) {
            if (fs.multiAz() && inMaintenanceWindow(fs.weeklyMaintenanceStartTime(), now, windows.maintenanceWindow())) {
                return Reason.MAINTENANCE_WINDOW;
            }
        }
        return Reason.STEADY;
    }

    /**
     * Whether {@code now} lies in the maintenance window of length {@code window} that starts weekly at {@code start}, FSx's
     * {@code d:HH:MM} in UTC (d = 1 for Monday to 7 for Sunday). An absent or malformed value is no window:
     * the steady cadence still sees any failover.
     */
    static boolean inMaintenanceWindow(String start, Instant now, Duration window) {
        if (start == null || !start.matches("[1-7]:([01]\\d|2[0-3]):[0-5]\\d")) {
            return false;
        }
        DayOfWeek day = DayOfWeek.of(start.charAt(0) - '0');
        int hour = Integer.parseInt(start.substring(2, 4));
        int minute = Integer.parseInt(start.substring(5, 7));
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        // The latest weekly start at or before now; a window that began last week can still be open on Monday morning.
        ZonedDateTime begin = at.with(TemporalAdjusters.previousOrSame(day)).truncatedTo(ChronoUnit.DAYS).withHour(hour).withMinute(minute);
        if (begin.isAfter(at)) {
            begin = begin.minusWeeks(1);
        }
        return at.isBefore(begin.plus(window));
    }
}
