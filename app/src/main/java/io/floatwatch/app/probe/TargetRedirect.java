package io.floatwatch.app.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;

/**
 * For tests only: sends the handshake for a declared endpoint ({@code 10.0.0.5:2049}) to a loopback listener
 * ({@code 127.0.0.2:2049}) while the records still name the declared endpoint. There is no config key, flag or
 * property for it: only Java code can pass one to {@link ProbeRunner}, and every destination must be a loopback
 * address, so a redirect can never aim probe traffic at anything but the machine itself.
 */
public final class TargetRedirect {

    private static final TargetRedirect NONE = new TargetRedirect(Map.of());

    private final Map<String, InetSocketAddress> byEndpoint;

    private TargetRedirect(Map<String, InetSocketAddress> byEndpoint) {
        this.byEndpoint = Map.copyOf(byEndpoint);
    }

    public static TargetRedirect none() {
        return NONE;
    }

    /**
     * @param redirects {@code ip:port} of a declared endpoint -> {@code 127.x.y.z:port}
     * @throws IllegalArgumentException when a destination is not a loopback address (literal IPv4 only)
     */
    public static TargetRedirect loopbackOnly(Map<String, String> redirects) {
        Map<String, InetSocketAddress> out = new TreeMap<>();
        redirects.forEach((from, to) -> out.put(from, loopback(to)));
        return new TargetRedirect(out);
    }

    private static InetSocketAddress loopback(String to) {
        int colon = to.lastIndexOf(':');
        String host = colon < 0 ? to : to.substring(0, colon);
        if (colon < 0 || !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("probe redirect '" + to + "' must be a literal 127.x.y.z:port");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("probe redirect '" + to + "' is not a loopback address: refused");
            }
            return new InetSocketAddress(address, Integer.parseInt(to.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("probe redirect '" + to + "' is not an address", e);
        }
    }

    /**
     * Where the handshake for {@code ip:port} goes: the endpoint itself without redirects; with them, its loopback
     * listener, or null (not probed at all) for an endpoint the test did not map.
     */
    InetSocketAddress destination(String ip, int port) {
        if (active()) {
            return byEndpoint.get(ip + ":" + port);
        }
        return new InetSocketAddress(literal(ip), port);
    }

    boolean active() {
        return !byEndpoint.isEmpty();
    }

    /** Endpoint addresses are IPv4 literals (validated or read from FSx); never resolved through DNS. */
    private static InetAddress literal(String ip) {
        if (ip == null || !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("endpoint '" + ip + "' is not an IPv4 literal");
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("endpoint '" + ip + "' is not an address", e);
        }
    }
}
