package io.floatwatch.model.finding;

import java.time.Duration;
import java.time.Instant;

/**
 * How long one declared client could not open a TCP connection to one endpoint during a failover or failback,
 * as its probe measured it: from the first failed probe to the first success after it.
 *
 * @param endedAt the first success; null while the client is still cut off
 */
public record ClientOutage(
        String client,
        String endpointIp,
        int port,
        String endpointKind,
        Instant startedAt,
        Instant endedAt) {

    /** FSx documents ONTAP and OpenZFS Multi-AZ failover and failback as under 60 s each. */
    public static final Duration DOCUMENTED = Duration.ofSeconds(60);

    public boolean ongoing() {
        return endedAt == null;
    }

    /** The outage, or how long it has lasted by {@code now} while it is still going. */
    public Duration duration(Instant now) {
        Instant end = endedAt != null ? endedAt : now;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }
}
