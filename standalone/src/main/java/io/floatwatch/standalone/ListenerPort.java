package io.floatwatch.standalone;

import io.floatwatch.app.StartupProblem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the broker's ports on 127.0.0.1: Kafka's usual 9092 when nobody listens there, so Kafka's own tools find it. */
final class ListenerPort {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerPort.class);
    static final int KAFKA_DEFAULT = 9092;

    private ListenerPort() {
    }

    /** The client port: the requested one (0 for any), or 9092 when free, else any free one, said in the log. */
    static int client(OptionalInt requested) {
        if (requested.isPresent()) {
            int port = requested.getAsInt();
            if (port < 0 || port > 65535) {
                throw new StartupProblem("--embedded-kafka-port " + port + ": not 0-65535 (0 picks a free port)", null);
            }
            if (port == 0) {
                return free();
            }
            if (!bindable(port)) {
                throw new StartupProblem("--embedded-kafka-port " + port + ": 127.0.0.1:" + port + " is in use; stop what"
                        + " listens there or pick another port (0 picks a free one)", null);
            }
            return port;
        }
        if (bindable(KAFKA_DEFAULT)) {
            return KAFKA_DEFAULT;
        }
        int port = free();
        LOG.warn("127.0.0.1:{} is in use (another Kafka?): the embedded broker listens on 127.0.0.1:{} instead;"
                + " set --embedded-kafka-port for a fixed one", KAFKA_DEFAULT, port);
        return port;
    }

    /** A free port for the KRaft controller, which only this process talks to. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupProblem("--embedded-kafka: no free port on 127.0.0.1 (" + e.getMessage() + ")", e);
        }
    }

    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As Kafka's acceptor does: a port whose old connections linger in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
