package io.floatwatch.app.probe;

import io.floatwatch.model.observation.ProbeOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One TCP handshake and nothing more: the socket is closed as soon as it connects, so no byte of any protocol
 * (NFS, SMB, iSCSI) is ever sent. What a client's kernel would see when it mounts.
 */
final class TcpProbe {

    /** The outcome of one handshake; {@code latencyMillis} only when it connected. */
    record Result(ProbeOutcome outcome, Long latencyMillis) {
    }

    private final int timeoutMillis;

    TcpProbe(Duration timeout) {
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    Result probe(InetSocketAddress address) {
        long t0 = System.nanoTime();
        try (Socket socket = new Socket()) {
            // Linger 0: close with a reset rather than leave a TIME_WAIT per probe on the client's host.
            socket.setSoLinger(true, 0);
            socket.connect(address, timeoutMillis);
            return new Result(ProbeOutcome.CONNECTED, (System.nanoTime() - t0) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return new Result(ProbeOutcome.TIMEOUT, null);
        } catch (NoRouteToHostException e) {
            return new Result(ProbeOutcome.NO_ROUTE, null);
        } catch (ConnectException e) {
            // The JDK reports an ICMP unreachable as a ConnectException whose message names it.
            String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return new Result(why.contains("unreachable") ? ProbeOutcome.NO_ROUTE : ProbeOutcome.REFUSED, null);
        } catch (IOException e) {
            return new Result(ProbeOutcome.NO_ROUTE, null);
        }
    }
}
