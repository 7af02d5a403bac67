package io.floatwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.app.StartupProblem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @Test
    void shouldNameTheDirectoryAndTheWayOutWhenTheDirectoryIsHeld(@TempDir Path dir) {
        try (DirectoryLock held = DirectoryLock.acquire(dir)) {
            assertThatThrownBy(() -> DirectoryLock.acquire(dir)).isInstanceOf(StartupProblem.class)
                    .hasMessageContaining("--embedded-kafka " + dir + ": already in use by another floatwatch process")
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("stop that process first");
        }
        DirectoryLock.acquire(dir).close();
    }

    @Test
    void shouldNameThePortWhenTheRequestedOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(ListenerPort.bindable(port)).isFalse();
            assertThatThrownBy(() -> ListenerPort.client(OptionalInt.of(port))).isInstanceOf(StartupProblem.class)
                    .hasMessageContaining("--embedded-kafka-port " + port + ": 127.0.0.1:" + port + " is in use");
        }
    }
}
