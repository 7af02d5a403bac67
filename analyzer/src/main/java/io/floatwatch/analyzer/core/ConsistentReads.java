package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;

/**
 * Two sources read at different moments can contradict each other: the file-system poll no longer
 * lists an ENI (the file system was deleted, FSx replaced it), while the route table, read before
 * that, still shows an active route to it. Neither read is wrong; they are of different moments. A
 * route to a vanished ENI is therefore judged only on a route-table read newer than the ENI's
 * disappearance: until then the table is judged as it was read, and what was reported of it stands.
 * (AWS turns a route whose ENI was deleted into a blackhole, a change of the table that is published with
 * its next read; a blackhole needs no second read.)
 */
final class ConsistentReads {

    private ConsistentReads() {
    }

    /**
     * True when the table's /32 route for {@code address} points at an ENI that vanished after the table was
     * last read: the two reads contradict each other, and the route waits for the table's next read.
     */
    static boolean awaitsReread(RegionModel model, RouteTableObservation table, String address) {
        return table.hostRoute(address)
                .filter(r -> r.targetsNetworkInterface() && !r.isBlackhole() && model.eniDeleted(r.targetId()))
                .map(r -> !tableReadAfter(model, table, model.eniDeletedAt(r.targetId())))
                .orElse(false);
    }

    /**
     * True when the model holds a read of {@code table} newer than {@code change}: the table itself was
     * published after it, or the route-table inventory (which reads every table) completed after it and the
     * route-table poll that publishes what the inventory read ran after that. The fast route-table poll alone
     * does not do: it re-reads only the tables FSx manages and the declared ones (and an unchanged table is not
     * republished), so its marker does not date a table it did not read, such as one a deleted file system left
     * behind. True when the change has no time (a deletion seen before the scope's clock started).
     */
    static boolean tableReadAfter(RegionModel model, RouteTableObservation table, Instant change) {
        if (change == null || table.observedAt().isAfter(change)) {
            return true;
        }
        PollCompleted inventory = model.polls().get(SourceNames.ROUTE_TABLE_INVENTORY);
        PollCompleted fast = model.polls().get(SourceNames.ROUTE_TABLES);
        return inventory != null && inventory.ok() && inventory.observedAt().isAfter(change)
                && fast != null && fast.ok() && fast.observedAt().isAfter(inventory.observedAt());
    }
}
