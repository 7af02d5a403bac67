package io.floatwatch.analyzer.core.sources;

import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;
import java.util.Optional;

/**
 * Two sources read at different moments can contradict each other: the file-system poll no longer
 * lists an ENI (the file system was deleted, FSx replaced it), while the route table, read before
 * that, still shows an active route to it. Neither read is wrong; they are of different moments. A
 * route to a vanished ENI is therefore judged only on a route-table read newer than the ENI's
 * disappearance: until then the table is judged as it was read, and what was reported of it stands.
 * (AWS turns a route whose ENI was deleted into a blackhole, a change of the table that is published with
 * its next read; a blackhole needs no second read.)
 */
public final class ConsistentReads {

    private ConsistentReads() {
    }

    /**
     * True when the table's /32 route for {@code address} points at an ENI and the table was last read before
     * something it must agree with changed: the ENI's tombstone, or (for a file system's routes) the file-system
     * observation that no longer lists that ENI (FSx replaced it and rewrote the routes; the table was read
     * before). The two reads contradict each other, and the route waits for the table's next read.
     *
     * @param fs      the file system whose routes are judged, or null (orphaned routes)
     * @param managed whether the table is in that file system's RouteTableIds, so the fast route-table poll reads it
     */
    public static boolean awaitsReread(RegionModel model, RouteTableObservation table, String address, FileSystemObservation fs,
            boolean managed) {
        Optional<Route> found = table.hostRoute(address).filter(r -> r.targetsNetworkInterface() && !r.isBlackhole());
        if (found.isEmpty()) {
            return false;
        }
        String eni = found.get().targetId();
        if (model.eniDeleted(eni) && !tableReadAfter(model, table, model.eniDeletedAt(eni), managed)) {
            return true;
        }
        return fs != null && !fs.networkInterfaceIds().contains(eni) && !tableReadAfter(model, table, fs.observedAt(), managed);
    }

    /**
     * True when the model holds a read of {@code table} newer than {@code change}: the table itself was
     * published after it; or, for a table the fast route-table poll reads (one in a file system's RouteTableIds),
     * a successful fast poll after it; or the route-table inventory (which reads every table) completed after it
     * and the route-table poll that publishes what the inventory read ran after that. An unchanged table is not
     * republished, so the poll markers date the reads; the fast poll's marker does not date a table it does not
     * read, such as one a deleted file system left behind. True when the change has no time (a deletion seen
     * before the scope's clock started).
     */
    public static boolean tableReadAfter(RegionModel model, RouteTableObservation table, Instant change, boolean managed) {
        if (change == null || table.observedAt().isAfter(change)) {
            return true;
        }
        PollCompleted fast = model.polls().get(SourceNames.ROUTE_TABLES);
        boolean fastAfter = fast != null && fast.ok() && fast.observedAt().isAfter(change);
        if (managed) {
            return fastAfter;
        }
        PollCompleted inventory = model.polls().get(SourceNames.ROUTE_TABLE_INVENTORY);
        return inventory != null && inventory.ok() && inventory.observedAt().isAfter(change)
                && fast != null && fast.ok() && fast.observedAt().isAfter(inventory.observedAt());
    }
}
