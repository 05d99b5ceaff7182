package io.closebench.transport;

import io.closebench.schema.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every call has a deadline: a silent peer makes a read, and a peer that stops reading a write, TIMEOUT. */
class DeadlineTest {

    private static final long DEADLINE = TimeUnit.MILLISECONDS.toNanos(300);

    @ParameterizedTest
    @EnumSource(SocketApi.class)
    void aReadFromASilentPeerEndsAsTimeoutAtTheDeadline(SocketApi api) throws Exception {
        try (SelectorLoop loop = new SelectorLoop(System::nanoTime);
             Listener listener = api.listen(new InetSocketAddress("127.0.0.1", 0), loop, System::nanoTime);
             SocketChannel peer = SocketChannel.open(listener.address());
             Connection c = listener.accept(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))) {
            long deadline = System.nanoTime() + DEADLINE;
            IoResult r = c.read(ByteBuffer.allocate(16), deadline);

            assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(r.returnedAt()).isGreaterThanOrEqualTo(deadline);
            assertThat(peer.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketApi.class)
    void aWriteToAPeerThatStoppedReadingEndsAsTimeout(SocketApi api) throws Exception {
        try (SelectorLoop loop = new SelectorLoop(System::nanoTime);
             Listener listener = api.listen(new InetSocketAddress("127.0.0.1", 0), loop, System::nanoTime);
             SocketChannel peer = SocketChannel.open(listener.address());
             Connection c = listener.accept(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))) {
            long deadline = System.nanoTime() + DEADLINE;
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            IoResult r;
            int writes = 0;
            do { // bounded: the buffers hold a few MiB, the deadline ends it long before 256 writes
                chunk.clear();
                r = c.write(chunk, deadline);
            } while (!r.ended() && ++writes < 256);

            assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(peer.isOpen()).isTrue();
        }
    }
}
