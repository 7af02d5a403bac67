package io.floatwatch.app.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Listeners on 127.0.0.x addresses that accept, refuse or hang, for probe tests. Every address is checked to be
 * loopback before anything binds or connects: these tests never send a packet anywhere else.
 */
public final class LoopbackListeners implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    public static InetAddress loopback(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        if (!a.isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not loopback; probe tests only use 127.0.0.0/8");
        }
        return a;
    }

    /** A listener that completes every handshake (the kernel accepts into the backlog; a thread drains it). */
    public InetSocketAddress accepting(String address) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, loopback(address));
        open.add(server);
        Thread drain = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    // handshake completed: nothing to read or write
                } catch (IOException closed) {
                    return;
                }
            }
        }, "loopback-accept-" + address);
        drain.setDaemon(true);
        drain.start();
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** An address and port where nothing listens: Linux answers a SYN to it with a reset (refused). */
    public InetSocketAddress refusing(String address) throws IOException {
        InetAddress a = loopback(address);
        try (ServerSocket s = new ServerSocket(0, 1, a)) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    /**
     * A listener that never accepts and whose backlog is full: further SYNs are dropped, so a handshake hangs
     * until the prober's timeout, as behind a security group that drops.
     */
    public InetSocketAddress hanging(String address) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, loopback(address));
        open.add(server);
        InetSocketAddress at = (InetSocketAddress) server.getLocalSocketAddress();
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            open.add(filler);
            try {
                filler.connect(at, 200);
            } catch (IOException full) {
                break;
            }
        }
        return at;
    }

    /** Closes one listener: from now on its address refuses. */
    public void close(InetSocketAddress address) throws Exception {
        for (AutoCloseable c : List.copyOf(open)) {
            if (c instanceof ServerSocket s && address.equals(s.getLocalSocketAddress())) {
                s.close();
                open.remove(c);
            }
        }
    }

    /** A listener that accepts on exactly this address and port again (after {@link #close}). */
    public InetSocketAddress acceptingAgain(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(loopback(address.getAddress().getHostAddress()), address.getPort()), 50);
        open.add(server);
        Thread drain = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    // handshake completed
                } catch (IOException closed) {
                    return;
                }
            }
        }, "loopback-accept-again");
        drain.setDaemon(true);
        drain.start();
        return address;
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        open.clear();
    }
}
