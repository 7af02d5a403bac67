package io.floatwatch.model.observation;

import io.floatwatch.model.Scope;
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

    @Override
    public String resourceId() {
        return ID_PREFIX + tunnelIpAddress;
    }
}
