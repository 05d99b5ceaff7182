package io.closebench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.transport.KernelTcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "a registered SocketChannel's close is deferred and shuts down output meanwhile",
 * made exact step by step, with the selector's flush made by the test ({@code selectNow()}) instead
 * of a thread, so that every step is deterministic. The observer is a plain blocking socket; its
 * kernel state is read from the kernel's tables.
 */
@Timeout(30)
class RegisteredChannelCloseTest {

    @BeforeEach
    void kernelTablesVisible() {
        Assumptions.assumeTrue(KernelTcpState.visible(), "no /proc/net/tcp here");
    }

    @Test
    void withSoLingerZeroNothingLeavesUntilTheKeyIsFlushedThenAnRst() throws Exception {
        try (Pair p = Pair.open()) {
            p.registerServer(0);
            p.server.close();
            // no FIN, no RST: the observer hears nothing, its socket stays ESTABLISHED, and it may still write
            p.observer.setSoTimeout(20);
            assertThatThrownBy(() -> p.observer.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(p.state()).isEqualTo("ESTABLISHED");
            p.observer.getOutputStream().write(1);

            p.selector.selectNow();
            p.awaitState("CLOSE");
            // the RST, late but an RST: a read reports the reset, and (the JDK) every read after it
            p.observer.setSoTimeout(1000);
            assertThatThrownBy(() -> p.observer.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessage("Connection reset");
            assertThatThrownBy(() -> p.observer.getInputStream().read()).hasMessage("Connection reset");
        }
    }

    @Test
    void withUnreadDataAFinLeavesAtOnceAndTheRstWhenTheKeyIsFlushedWhichOnlyAWriteReports() throws Exception {
        try (Pair p = Pair.open()) {
            p.observer.getOutputStream().write(new byte[4096]);
            p.awaitServerHolds(4096);
            p.registerServer(-1);
            p.server.close();
            // the JDK shut the output down: a FIN at once, the observer reads EOF and is in CLOSE_WAIT
            p.observer.setSoTimeout(1000);
            assertThat(p.observer.getInputStream().read()).isEqualTo(-1);
            assertThat(p.state()).isEqualTo("CLOSE_WAIT");
            // the server's socket is not closed yet: a write is accepted
            p.observer.getOutputStream().write(1);

            p.selector.selectNow();
            // the real close, with unread data: an RST, which arrives in CLOSE_WAIT
            p.awaitState("CLOSE");
            assertThat(p.observer.getInputStream().read()).as("reads keep reporting the FIN, never the reset").isEqualTo(-1);
            assertThatThrownBy(() -> p.observer.getOutputStream().write(1)).isInstanceOf(SocketException.class)
                    .hasMessage("Broken pipe");
        }
    }

    @Test
    void withSoLingerAboveZeroTheJdkTurnsItOffAndTheCloseDoesNotWait() throws Exception {
        try (Pair p = Pair.open()) {
            p.registerServer(2);
            p.server.close();
            // SO_LINGER is off on the still open descriptor, the output shut down: the observer reads EOF
            p.observer.setSoTimeout(1000);
            assertThat(p.observer.getInputStream().read()).isEqualTo(-1);
            assertThat(p.state()).isEqualTo("CLOSE_WAIT");
        }
    }

    /** A blocking observer socket and the server's channel it is connected to, with a selector for the server. */
    private record Pair(ServerSocketChannel listener, Socket observer, SocketChannel server, Selector selector)
            implements AutoCloseable {

        static Pair open() throws IOException {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket observer = new Socket();
            observer.connect(listener.getLocalAddress());
            return new Pair(listener, observer, listener.accept(), Selector.open());
        }

        /** The server as an event loop holds it: {@code SO_LINGER} (seconds, -1: off), non-blocking, registered, no interest. */
        void registerServer(int lingerSeconds) throws IOException {
            if (lingerSeconds >= 0) {
                server.socket().setSoLinger(true, lingerSeconds);
            }
            server.configureBlocking(false);
            server.register(selector, 0);
        }

        String state() {
            return KernelTcpState.of((InetSocketAddress) observer.getLocalSocketAddress(),
                    (InetSocketAddress) observer.getRemoteSocketAddress());
        }

        void awaitState(String wanted) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!state().equals(wanted) && System.nanoTime() - until < 0) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertThat(state()).isEqualTo(wanted);
        }

        void awaitServerHolds(int bytes) throws IOException, InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (server.socket().getInputStream().available() < bytes && System.nanoTime() - until < 0) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }

        @Override
        public void close() throws IOException {
            selector.close();
            server.close();
            observer.close();
            listener.close();
        }
    }
}
