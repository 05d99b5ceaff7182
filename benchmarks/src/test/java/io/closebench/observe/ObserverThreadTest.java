package io.closebench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObserverThreadTest {

    @Test
    void seesItsThreadAsleepInABlockingSocketRead() throws Exception {
        try (ObserverThread thread = new ObserverThread("test-observer");
             ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                Future<Integer> read = thread.submit(() -> accepted.getInputStream().read());

                assertThat(thread.awaitAsleep(TimeUnit.SECONDS.toNanos(5))).isTrue();
                client.getOutputStream().write(7);
                assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(7);
            }
        }
    }

    @Test
    void readsTheStateLetterAfterTheLastParenthesisOfTheCommandName() throws Exception {
        Path stat = Files.createTempFile("stat", "");
        try {
            Files.writeString(stat, "4242 (odd) name) S 1 2 3");
            assertThat(KernelThreads.stateIn(stat)).isEqualTo('S');
            Files.writeString(stat, "4242 (java) R 1 2 3");
            assertThat(KernelThreads.stateIn(stat)).isEqualTo('R');
        } finally {
            Files.delete(stat);
        }
    }
}
