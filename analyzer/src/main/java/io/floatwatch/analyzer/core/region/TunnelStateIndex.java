package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.TunnelStateObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** CloudWatch's TunnelState per tunnel, by the tunnel's outside IP, which is how the VPN rules ask. */
final class TunnelStateIndex implements ObservationIndex<TunnelStateObservation> {

    private final Consumer<String> changed;
    private final Map<String, TunnelStateObservation> byId = new HashMap<>();
    /** tunnel outside IP -> its CloudWatch TunnelState. */
    final Map<String, TunnelStateObservation> byTunnelIp = new TreeMap<>();

    TunnelStateIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<TunnelStateObservation> kind() {
        return TunnelStateObservation.class;
    }

    @Override
    public TunnelStateObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(TunnelStateObservation state) {
        if (byTunnelIp.isEmpty()) {
            changed.accept(ModelKey.ANY_TUNNEL_STATE);
        }
        byId.put(state.resourceId(), state);
        byTunnelIp.put(state.tunnelIpAddress(), state);
        changed.accept(ModelKey.tunnelState(state.tunnelIpAddress()));
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        TunnelStateObservation state = byId.remove(resourceId);
        if (state == null) {
            return false;
        }
        byTunnelIp.remove(state.tunnelIpAddress());
        changed.accept(ModelKey.tunnelState(state.tunnelIpAddress()));
        if (byTunnelIp.isEmpty()) {
            changed.accept(ModelKey.ANY_TUNNEL_STATE);
        }
        return true;
    }

    @Override
    public int resources() {
        return byTunnelIp.size();
    }
}
