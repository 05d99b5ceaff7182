package io.closebench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * X6's variant the matrix leaves out, because it costs the linger time per repetition: the observer
 * does not read at all, so the peer's queued data cannot be acknowledged, and its {@code close()}
 * with {@code SO_LINGER} waits the whole linger time. What Linux does when it runs out: nothing
 * abortive. The close returns, no RST is sent, the orphaned socket goes on delivering, and the
 * observer, reading afterwards, gets every byte and then EOF. The peer is X6's own (filled to its
 * 64 KiB send buffer, {@link Fault#CLOSE_LINGERING}), once: about {@value Fault#LINGER_SECONDS} s.
 */
@Timeout(30)
class LingerExpiryTest {

    @Test
    void whenTheLingerTimeRunsOutLinuxNeitherResetsNorDropsTheData() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel peerChannel = SocketChannel.open(listener.getLocalAddress());
            try (Socket observer = listener.accept().socket();
                 InProcessPeer peer = new InProcessPeer(peerChannel, System::nanoTime, Fault.CLOSE_LINGERING, null,
                         AsleepProbe.NONE)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                peer.prepare(new PeerPreparation(0, PeerData.FILL_UNREAD, 64 * 1024, 64 * 1024), deadline);
                peer.injectFault(deadline);
                PeerReport report = peer.report(deadline);

                observer.setSoTimeout(5000);
                InputStream in = observer.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                long read = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read += n;
                }
                assertThat(report.faultCallNanos()).as("close() waited out the linger time")
                        .isGreaterThan(TimeUnit.SECONDS.toNanos(Fault.LINGER_SECONDS) - TimeUnit.MILLISECONDS.toNanos(100));
                assertThat(read).as("every byte arrived after the linger time ran out, then EOF").isEqualTo(report.bytesSent());
            }
        }
    }
}
