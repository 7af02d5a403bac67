package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** VPN connections, by id, by the gateway they end on, and the ones with a tunnel under maintenance. */
final class VpnConnectionIndex implements ObservationIndex<VpnConnectionObservation> {

    private final Consumer<String> changed;
    final Map<String, VpnConnectionObservation> byId = new TreeMap<>();
    /** ids of the VPN connections with a tunnel under maintenance. */
    final Set<String> inMaintenance = new TreeSet<>();
    /** gateway (TGW or VGW) id -> ids of the VPN connections ending on it. */
    final Map<String, Set<String>> byGateway = new HashMap<>();

    VpnConnectionIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<VpnConnectionObservation> kind() {
        return VpnConnectionObservation.class;
    }

    @Override
    public VpnConnectionObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    @Override
    public void put(VpnConnectionObservation vpn) {
        remove(vpn.vpnConnectionId(), null);
        byId.put(vpn.vpnConnectionId(), vpn);
        changedVpn(vpn);
        String gateway = gatewayOf(vpn);
        if (gateway != null) {
            byGateway.computeIfAbsent(gateway, g -> new TreeSet<>()).add(vpn.vpnConnectionId());
        }
        if (inMaintenance(vpn)) {
            inMaintenance.add(vpn.vpnConnectionId());
        }
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        VpnConnectionObservation vpn = byId.remove(resourceId);
        if (vpn == null) {
            return false;
        }
        changedVpn(vpn);
        inMaintenance.remove(resourceId);
        Set<String> onGateway = gatewayOf(vpn) == null ? null : byGateway.get(gatewayOf(vpn));
        if (onGateway != null) {
            onGateway.remove(resourceId);
        }
        return true;
    }

    @Override
    public int resources() {
        return byId.size();
    }

    private void changedVpn(VpnConnectionObservation vpn) {
        changed.accept(ModelKey.vpn(vpn.vpnConnectionId()));
        changed.accept(ModelKey.VPNS);
        if (inMaintenance(vpn)) {
            changed.accept(ModelKey.VPNS_IN_MAINTENANCE);
        }
        String gateway = gatewayOf(vpn);
        if (gateway != null) {
            changed.accept(ModelKey.vpnsOn(gateway));
        }
    }

    private static boolean inMaintenance(VpnConnectionObservation vpn) {
        return vpn.tunnels().stream().anyMatch(t -> t.maintenance() != null && !t.maintenance().isBlank());
    }

    private static String gatewayOf(VpnConnectionObservation vpn) {
        return vpn.transitGatewayId() != null ? vpn.transitGatewayId() : vpn.vpnGatewayId();
    }
}
