package io.floatwatch.analyzer.core.firewall;

import io.floatwatch.analyzer.core.region.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of packets as a box: a range of IPv4 addresses (the peer) times a range of ports. Rules cover boxes;
 * what a need still lacks after some rules allowed part of it is a list of boxes. Exact, so a client range
 * split between two allow entries is allowed, and a deny for part of it is a block for part of the clients.
 */
record TrafficBox(long addressFrom, long addressTo, int portFrom, int portTo) {

    static TrafficBox of(Cidr cidr, int portFrom, int portTo) {
        long size = 1L << (32 - cidr.prefix());
        return new TrafficBox(cidr.network(), cidr.network() + size - 1, portFrom, portTo);
    }

    /** The overlap, or null when there is none. */
    TrafficBox intersect(TrafficBox o) {
        long aFrom = Math.max(addressFrom, o.addressFrom);
        long aTo = Math.min(addressTo, o.addressTo);
        int pFrom = Math.max(portFrom, o.portFrom);
        int pTo = Math.min(portTo, o.portTo);
        return aFrom > aTo || pFrom > pTo ? null : new TrafficBox(aFrom, aTo, pFrom, pTo);
    }

    /** This box without {@code o}: up to four pieces. */
    List<TrafficBox> minus(TrafficBox o) {
        TrafficBox cut = intersect(o);
        if (cut == null) {
            return List.of(this);
        }
        List<TrafficBox> out = new ArrayList<>(4);
        if (addressFrom < cut.addressFrom) {
            out.add(new TrafficBox(addressFrom, cut.addressFrom - 1, portFrom, portTo));
        }
        if (cut.addressTo < addressTo) {
            out.add(new TrafficBox(cut.addressTo + 1, addressTo, portFrom, portTo));
        }
        if (portFrom < cut.portFrom) {
            out.add(new TrafficBox(cut.addressFrom, cut.addressTo, portFrom, cut.portFrom - 1));
        }
        if (cut.portTo < portTo) {
            out.add(new TrafficBox(cut.addressFrom, cut.addressTo, cut.portTo + 1, portTo));
        }
        return out;
    }

    static List<TrafficBox> minus(List<TrafficBox> boxes, TrafficBox o) {
        List<TrafficBox> out = new ArrayList<>(boxes.size() + 3);
        for (TrafficBox b : boxes) {
            out.addAll(b.minus(o));
        }
        return out;
    }
}
