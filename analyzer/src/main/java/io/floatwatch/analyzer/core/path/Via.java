package io.floatwatch.analyzer.core.path;

import java.util.Locale;

/** How a declared client reaches the file system's VPC, as written in the config's {@code via}. */
public enum Via {
    SAME_VPC, TGW, PEERING, VPN_VGW, VPN_TGW, DX_VGW, DX_TGW, LATTICE, NLB;

    /** {@code same-vpc} -> SAME_VPC; null when unknown. */
    public static Via parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Ends on a Transit Gateway: the traffic enters the VPC through attachment ENIs, as from a subnet. */
    public boolean viaTransitGateway() {
        return this == TGW || this == VPN_TGW || this == DX_TGW;
    }
}
