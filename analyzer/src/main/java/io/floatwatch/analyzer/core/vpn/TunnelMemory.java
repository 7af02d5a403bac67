package io.floatwatch.analyzer.core.vpn;

import java.time.Instant;
import java.util.List;

/**
 * What the rules remember of one VPN tunnel between observations, to count its state changes.
 *
 * @param status           VgwTelemetry status last seen ({@code UP}/{@code DOWN})
 * @param lastStatusChange VgwTelemetry's own change time last seen; a newer one means a change even
 *                         when two polls saw the same status (it went down and up in between)
 * @param changes          event times of changes within the flap window, oldest first
 * @param firstSeen        event time the tunnel was first seen; CloudWatch gets a period from then to show a
 *                         series for it. Null in a state written before it existed: seen long ago.
 */
public record TunnelMemory(String status, Instant lastStatusChange, List<Instant> changes, Instant firstSeen) {

    public TunnelMemory {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public TunnelMemory(String status, Instant lastStatusChange, List<Instant> changes) {
        this(status, lastStatusChange, changes, null);
    }
}
