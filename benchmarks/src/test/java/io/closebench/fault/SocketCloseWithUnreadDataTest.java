package io.closebench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Why the in-process peer is a {@code SocketChannel}, and one more source of "Broken pipe": a
 * {@code java.net.Socket}'s {@code close()} shuts the output down first unless {@code SO_LINGER} is 0
 * (the JDK's NioSocketImpl), so closing one with unread data sends a FIN, then the RST. The observer,
 * in CLOSE_WAIT when the RST comes, gets EPIPE from its write, not ECONNRESET. A blocking
 * {@code SocketChannel}'s close sends the RST alone (X3): "Connection reset by peer".
 */
@Timeout(30)
class SocketCloseWithUnreadDataTest {

    @Test
    void aSocketsCloseSendsAFinBeforeTheRstSoTheObserversWriteGetsBrokenPipe() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket observer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket peer = listener.accept()) {
            leaveUnread(observer, peer.getInputStream()::available);
            peer.close();
            letTheEndArrive(observer);
            assertThatThrownBy(() -> observer.getOutputStream().write(1)).hasMessage("Broken pipe");
            assertThat(observer.getInputStream().read()).as("the FIN came first").isEqualTo(-1);
        }
    }

    @Test
    void aBlockingSocketChannelsCloseSendsTheRstAloneSoTheObserversWriteGetsAReset() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SocketChannel peer = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                     listener.getLocalPort()));
             Socket observer = listener.accept()) {
            leaveUnread(observer, peer.socket().getInputStream()::available);
            peer.close();
            letTheEndArrive(observer);
            assertThatThrownBy(() -> observer.getOutputStream().write(1)).hasMessage("Connection reset by peer");
            assertThat(observer.getInputStream().read()).as("the write took the error: a read is EOF").isEqualTo(-1);
        }
    }

    private interface Unread {
        int bytes() throws IOException;
    }

    /** The observer sends 4 KiB the peer does not read; returns once they are in the peer's buffer. */
    private static void leaveUnread(Socket observer, Unread peerUnread) throws Exception {
        observer.getOutputStream().write(new byte[4096]);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (peerUnread.bytes() < 4096 && System.nanoTime() - until < 0) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** On loopback the FIN and the RST arrive within the peer's close(); a short pause is a margin. */
    private static void letTheEndArrive(Socket observer) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(5);
    }
}
