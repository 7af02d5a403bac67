package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.RouteTableObservation;
import java.time.Instant;

/**
 * Two sources read at different moments can contradict each other: the file-system poll no longer
 * lists an ENI (the file system was deleted, FSx replaced it), while the route table, read before
 * that, still shows an active route to it. Neither read is wrong; they are of different moments. A
 * route to a vanished ENI is therefore judged only on a route-table read newer than the ENI's
 * disappearance: until then the table is judged as it was read.
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
     * published after it, or a successful route-table poll completed after it (an unchanged table is not
     * republished, so the poll marker dates the read). True when the change has no time (a deletion seen
     * before the scope's clock started): there is nothing to be newer than.
     */
    static boolean tableReadAfter(RegionModel model, RouteTableObservation table, Instant change) {
        if (change == null || table.observedAt().isAfter(change)) {
            return true;
        }
        PollCompleted poll = model.polls().get(SourceNames.ROUTE_TABLES);
        return poll != null && poll.ok() && poll.observedAt().isAfter(change);
    }
}
