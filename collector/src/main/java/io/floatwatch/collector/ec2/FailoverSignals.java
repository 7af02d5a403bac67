package io.floatwatch.collector.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * What the fast loop's own reads of the managed tables say about a failover, for its cadence: whether
 * one floating destination (a /32 or /128 routed to an ENI, the routes FSx writes) points at different
 * ENIs in different tables right now, a flip half done; and when and where such a route last moved.
 * Interpreting the routes stays the analyzer's; this only tells the collector where to look harder.
 *
 * @param targets    "table destination" -> ENI, as last read (a focus read updates the tables it read)
 * @param movedAt    "table destination" -> when the loop saw that route move to another ENI
 * @param lastChange the last read in which any route moved (or, with none seen, the first that found tables disagreeing), or null
 * @param calls      EC2 calls of the last read of every managed table
 * @param lastFull   when every managed table was last read, or null
 * @param lastSentinel when the {@link FlipSentinel} was last asked, or null
 */
record FailoverSignals(Map<String, String> targets, Map<String, Instant> movedAt, Instant lastChange, int calls, Instant lastFull,
        Instant lastSentinel) {

    static final FailoverSignals NONE = new FailoverSignals(Map.of(), Map.of(), null, 1, null, null);

    FailoverSignals {
        targets = Map.copyOf(targets);
        movedAt = Map.copyOf(movedAt);
    }

    /**
     * @param full   whether {@code tables} are every managed table (then a table not among them is no longer watched)
     *               or a focus read of some of them
     * @param calls  the read's EC2 calls
     */
    static FailoverSignals of(FailoverSignals before, List<RouteTable> tables, boolean full, int calls, Instant readAt) {
        return of(before, tables, full, Set.of(), calls, readAt);
    }

    /**
     * A read of some tables by id (a page of the rolling read): what it read of {@code asked} replaces what was held for them,
     * so a floating route deleted from a table, or a table gone, is no longer watched; the other tables keep their last read.
     */
    static FailoverSignals ofPart(FailoverSignals before, List<RouteTable> tables, Set<String> asked, Instant readAt) {
        return of(before, tables, false, asked, 0, readAt);
    }

    private static FailoverSignals of(FailoverSignals before, List<RouteTable> tables, boolean full, Set<String> asked, int calls,
            Instant readAt) {
        FailoverSignals prior = before == null ? NONE : before;
        Map<String, String> read = new HashMap<>();
        for (RouteTable table : tables) {
            for (Route route : table.routes()) {
                String destination = route.destinationCidrBlock() != null ? route.destinationCidrBlock() : route.destinationIpv6CidrBlock();
                if (destination == null || route.networkInterfaceId() == null || !(destination.endsWith("/32") || destination.endsWith("/128"))) {
                    continue;
                }
                read.put(table.routeTableId() + " " + destination, route.networkInterfaceId());
            }
        }
        Map<String, Instant> movedAt = new HashMap<>(prior.movedAt());
        Instant lastChange = prior.lastChange();
        for (Map.Entry<String, String> e : read.entrySet()) {
            String was = prior.targets().get(e.getKey());
            if (was != null && !Objects.equals(was, e.getValue())) {
                movedAt.put(e.getKey(), readAt);
                lastChange = readAt;
            }
        }
        Map<String, String> targets = new HashMap<>(full ? Map.of() : prior.targets());
        targets.keySet().removeIf(key -> asked.contains(table(key)));
        targets.putAll(read);
        if (full || !asked.isEmpty()) {
            movedAt.keySet().retainAll(targets.keySet());
        }
        FailoverSignals next = new FailoverSignals(targets, movedAt, lastChange, full ? calls : prior.calls(), full ? readAt : prior.lastFull(),
                prior.lastSentinel());
        if (next.disagree() && !prior.disagree() && lastChange == null) {
            // Tables that disagree at the first sight of them (a start mid-failover): a change seen now, so it ages out.
            return new FailoverSignals(targets, movedAt, readAt, next.calls(), next.lastFull(), next.lastSentinel());
        }
        return next;
    }

    /**
     * As these, after a pass of the rolling read over {@code tables} (every table it was to read) that began at {@code started}
     * and took {@code calls}: that is the last full read, and a table no longer among them is no longer watched.
     */
    FailoverSignals passCompleted(Set<String> tables, int calls, Instant started) {
        Map<String, String> kept = new HashMap<>(targets);
        kept.keySet().removeIf(key -> !tables.contains(table(key)));
        Map<String, Instant> moved = new HashMap<>(movedAt);
        moved.keySet().retainAll(kept.keySet());
        return new FailoverSignals(kept, moved, lastChange, Math.max(1, calls), started, lastSentinel);
    }

    /** As these, with the sentinel asked at {@code at}. */
    FailoverSignals sentinelAskedAt(Instant at) {
        return new FailoverSignals(targets, movedAt, lastChange, calls, lastFull, at);
    }

    /** Table -> the ENIs its floating routes point at, as last read: what the {@link FlipSentinel} does not watch. */
    Map<String, Set<String>> enisByTable() {
        Map<String, Set<String>> enis = new HashMap<>();
        targets.forEach((key, eni) -> enis.computeIfAbsent(table(key), t -> new HashSet<>()).add(eni));
        return enis;
    }

    /** One destination routed to more than one ENI across the tables. */
    boolean disagree() {
        return !disagreeing().isEmpty();
    }

    /** Tables whose floating route moved within {@code hold} of {@code now}, or whose destination another table routes elsewhere. */
    Set<String> movingTables(Instant now, Duration hold) {
        Set<String> tables = new TreeSet<>();
        movedAt.forEach((key, at) -> {
            if (!at.plus(hold).isBefore(now)) {
                tables.add(table(key));
            }
        });
        Set<String> split = disagreeing();
        targets.keySet().stream().filter(k -> split.contains(destination(k))).forEach(k -> tables.add(table(k)));
        return tables;
    }

    private Set<String> disagreeing() {
        Map<String, Set<String>> enis = new HashMap<>();
        targets.forEach((key, eni) -> enis.computeIfAbsent(destination(key), d -> new HashSet<>()).add(eni));
        Set<String> split = new HashSet<>();
        enis.forEach((destination, set) -> {
            if (set.size() > 1) {
                split.add(destination);
            }
        });
        return split;
    }

    private static String table(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    private static String destination(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }
}
