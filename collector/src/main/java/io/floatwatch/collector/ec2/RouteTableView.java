package io.floatwatch.collector.ec2;

import io.floatwatch.model.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * The latest read of every route table of each scope, fed by two reads that run at once: the fast
 * loop ({@link RouteTableSource}), which re-reads the FSx-managed and declared tables every 30 s
 * and alone publishes route tables, and the inventory ({@link RouteTableInventorySource}), which
 * pages through every table every 10 minutes.
 *
 * <p>Each read is stamped with two ticks of one counter: one taken before the call and one after
 * the answer. A read replaces what the view holds for a table only when it cannot be older:
 * <ul>
 *   <li>a fast-loop answer replaces a table's entry unless that entry was asked after the answer
 *       came (an inventory page that is surely newer);</li>
 *   <li>an inventory page replaces an entry only when the page was asked after the entry's answer
 *       came (so a fast-loop read made while the inventory was under way, or in the same instant, wins);</li>
 *   <li>a table the fast loop asked for by id and did not get is held as absent, so that an
 *       inventory page read before it was deleted cannot bring it back;</li>
 *   <li>a table a complete inventory did not list is dropped only when its entry was answered
 *       before the inventory's first page was asked; a table created while the inventory was
 *       under way and already seen by the fast loop stays.</li>
 * </ul>
 * An inventory reaches the view only once its last page has come: a half-done inventory never
 * drops a table, so it can never cause a tombstone.
 */
public final class RouteTableView {

    /**
     * One answer of DescribeRouteTables (all pages of one filtered call, or one page of the inventory).
     *
     * @param tables   what it returned
     * @param askedIds the ids it asked for by filter: those it did not return are proven absent (empty for an
     *                 unfiltered read, which proves no absence on its own)
     * @param asked    tick taken before the call
     * @param answered tick taken after the answer
     */
    record Answer(List<RouteTable> tables, Set<String> askedIds, long asked, long answered) {
        Answer {
            tables = List.copyOf(tables);
            askedIds = Set.copyOf(askedIds);
        }
    }

    /** What one read saw of one table; {@code table} null: proven absent. */
    private record Read(RouteTable table, long asked, long answered) {
    }

    private final AtomicLong ticks = new AtomicLong();
    private final Map<Scope, TreeMap<String, Read>> scopes = new ConcurrentHashMap<>();

    /** A tick of the view's counter: take one before a call and one after its answer. */
    long tick() {
        return ticks.incrementAndGet();
    }

    /** Merges the fast loop's answers of one poll and returns every table now known present, by id. */
    List<RouteTable> mergeFast(Scope scope, List<Answer> answers) {
        TreeMap<String, Read> reads = reads(scope);
        synchronized (reads) {
            for (Answer answer : answers) {
                Set<String> returned = new HashSet<>();
                for (RouteTable table : answer.tables()) {
                    returned.add(table.routeTableId());
                    putFast(reads, table.routeTableId(), new Read(table, answer.asked(), answer.answered()));
                }
                for (String id : answer.askedIds()) {
                    if (!returned.contains(id)) {
                        putFast(reads, id, new Read(null, answer.asked(), answer.answered()));
                    }
                }
            }
            return present(reads);
        }
    }

    private static void putFast(TreeMap<String, Read> reads, String id, Read read) {
        Read held = reads.get(id);
        if (held == null || held.asked() <= read.answered()) {
            reads.put(id, read);
        }
    }

    /** Merges a complete inventory, its pages in the order they were read. */
    void mergeInventory(Scope scope, List<Answer> pages) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("an inventory has at least one page");
        }
        long firstAsked = pages.stream().mapToLong(Answer::asked).min().orElseThrow();
        TreeMap<String, Read> reads = reads(scope);
        synchronized (reads) {
            Set<String> listed = new HashSet<>();
            for (Answer page : pages) {
                for (RouteTable table : page.tables()) {
                    listed.add(table.routeTableId());
                    Read held = reads.get(table.routeTableId());
                    if (held == null || held.answered() < page.asked()) {
                        reads.put(table.routeTableId(), new Read(table, page.asked(), page.answered()));
                    }
                }
            }
            reads.entrySet().removeIf(e -> !listed.contains(e.getKey()) && e.getValue().answered() < firstAsked);
        }
    }

    /** Drops a scope another collector replica polls now (group mode); a new owner starts from the topic. */
    public void forget(Scope scope) {
        scopes.remove(scope);
    }

    /** Every table known present in the scope, by id. */
    List<RouteTable> tables(Scope scope) {
        TreeMap<String, Read> reads = reads(scope);
        synchronized (reads) {
            return present(reads);
        }
    }

    private TreeMap<String, Read> reads(Scope scope) {
        return scopes.computeIfAbsent(scope, s -> new TreeMap<>());
    }

    private static List<RouteTable> present(TreeMap<String, Read> reads) {
        List<RouteTable> tables = new ArrayList<>(reads.size());
        reads.values().stream().filter(r -> r.table() != null).forEach(r -> tables.add(r.table()));
        return tables;
    }
}
