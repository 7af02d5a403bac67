package io.floatwatch.model.observation;

import java.util.Locale;

/** What one TCP handshake from a client's host to an endpoint ended in. */
public enum ProbeOutcome {
    /** The handshake completed (SYN, SYN-ACK, ACK); the probe closed the connection at once. */
    CONNECTED,
    /** The host answered with a reset: nothing listens, or a host firewall rejects. */
    REFUSED,
    /** No answer within the probe's timeout: a security group, a network ACL, ARP or a route that drops. */
    TIMEOUT,
    /** The probe's own host has no route (or the kernel refused the destination at once). */
    NO_ROUTE;

    public boolean connected() {
        return this == CONNECTED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
