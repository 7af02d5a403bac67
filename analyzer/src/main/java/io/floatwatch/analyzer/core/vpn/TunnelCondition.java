package io.floatwatch.analyzer.core.vpn;

import io.floatwatch.model.observation.VpnConnectionObservation.Tunnel;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.util.Locale;

/** What VgwTelemetry says about one tunnel. */
public enum TunnelCondition {
    /** {@code UP}: IPsec up and, for dynamic routing, BGP established ({@code 2 BGP ROUTES}). */
    UP,
    /** {@code DOWN} with {@code IPSEC IS UP}: the tunnel is there but BGP is not, so no routes flow. */
    IPSEC_UP_BGP_DOWN,
    DOWN;

    public static TunnelCondition of(VpnConnectionObservation vpn, Tunnel t) {
        if ("UP".equalsIgnoreCase(t.status())) {
            return UP;
        }
        String message = t.statusMessage() == null ? "" : t.statusMessage().toUpperCase(Locale.ROOT);
        // Static routing has no BGP: a static tunnel reporting IPsec up but status DOWN is simply down.
        if (!vpn.staticRoutesOnly() && message.contains("IPSEC IS UP")) {
            return IPSEC_UP_BGP_DOWN;
        }
        return DOWN;
    }

    String describe() {
        return switch (this) {
            case UP -> "up";
            case IPSEC_UP_BGP_DOWN -> "IPsec up but BGP down";
            case DOWN -> "down";
        };
    }
}
