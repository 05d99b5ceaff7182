package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * X4 on NIO, alone: another thread closes a channel whose read waits in the selector. The close
 * does not wake the selector: the read ends at its own deadline. A {@code wakeup()} after the close
 * ends it at once, and the read reports the channel closed. Bounded: no thread is left waiting.
 */
@Timeout(30)
class SelectorLoopTest {

    private static final long READ_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @Test
    void anotherThreadsCloseDoesNotWakeTheSelectorTheReadWaitsIn() throws Exception {
        IoResult r = readWhileAnotherThreadCloses(false);
        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void aWakeupAfterTheCloseEndsTheReadWithTheChannelClosed() throws Exception {
        IoResult r = readWhileAnotherThreadCloses(true);
        assertThat(r.outcome()).isEqualTo(Outcome.CLOSED_LOCALLY);
        assertThat(r.exceptionClass()).isEqualTo("ClosedChannelException");
    }

    /** One read on its own loop thread, waiting; the test thread closes the channel (and wakes the selector). */
    private static IoResult readWhileAnotherThreadCloses(boolean wakeUp) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            try (SocketChannel peer = server.accept()) {
                SelectorLoop loop = new SelectorLoop(System::nanoTime);
                NioConnection observed = new NioConnection(client, loop, System::nanoTime);
                try {
                    CompletableFuture<IoResult> read = CompletableFuture.supplyAsync(
                            () -> observed.read(ByteBuffer.allocate(64), System.nanoTime() + READ_BOUND_NANOS));
                    TimeUnit.MILLISECONDS.sleep(50);
                    client.close();
                    if (wakeUp) {
                        loop.wakeup();
                    }
                    IoResult r = read.get(5, TimeUnit.SECONDS);
                    // the peer had its FIN at once: the JDK shut the output down when it deferred the close
                    peer.socket().setSoTimeout(1000);
                    assertThat(peer.socket().getInputStream().read()).isEqualTo(-1);
                    return r;
                } finally {
                    observed.close();
                    loop.close();
                }
            }
        }
    }
}
