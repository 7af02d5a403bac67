package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
import java.time.Duration;
import java.time.Instant;

/**
 * The CloudWatch {@code AWS/VPN TunnelState} metric of one tunnel (dimension TunnelIpAddress),
 * joined to its VPN connection. Compared with VgwTelemetry; disagreement or staleness is reported.
 *
 * @param value           the latest datapoint: 1 up, 0 down (an average in between); null when
 *                        CloudWatch returned no datapoint in the window
 * @param datapointTime   the timestamp of that datapoint
 */
public record TunnelStateObservation(
        Scope scope,
        Instant observedAt,
        String tunnelIpAddress,
        String vpnConnectionId,
        Double value,
        Instant datapointTime) implements Observation {

    public static final String ID_PREFIX = "tunnel-state/";
    /**
     * The period each datapoint aggregates: the collector asks CloudWatch for it, and the analyzer waits one of it
     * before a tunnel without a series counts as CloudWatch disagreeing. One constant, so the wait cannot fall short of
     * the period asked for.
     */
    public static final Duration PERIOD = Duration.ofMinutes(5);

    @Override
    public String resourceId() {
        return ID_PREFIX + tunnelIpAddress;
    }
}
