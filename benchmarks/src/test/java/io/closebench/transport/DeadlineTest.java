package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.observe.EveryModel;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call has a deadline, on every model: a silent peer makes a read, and a peer that stops
 * reading a write, TIMEOUT.
 */
@Timeout(60)
class DeadlineTest {

    private static final long DEADLINE = TimeUnit.MILLISECONDS.toNanos(300);

    @ParameterizedTest
    @MethodSource("io.closebench.observe.EveryModel#models")
    void aReadFromASilentPeerEndsAsTimeoutAtTheDeadline(Observer observer) throws Exception {
        EveryModel.assumeRunsHere(observer);
        try (ObserverSide side = ObserverModels.of(observer).open("deadline-test", Optional.empty(), System::nanoTime)) {
            Listener listener = side.thread().submit(() -> side.listen(new InetSocketAddress("127.0.0.1", 0))).get();
            try (SocketChannel peer = SocketChannel.open(listener.address())) {
                Connection c = side.thread().submit(() -> listener.accept(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)))
                        .get();
                long deadline = System.nanoTime() + DEADLINE;
                IoResult r = side.thread().submit(() -> c.read(ByteBuffer.allocate(16), deadline)).get(10, TimeUnit.SECONDS);

                assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(r.returnedAt()).isGreaterThanOrEqualTo(deadline);
                assertThat(peer.isOpen()).isTrue();
                side.thread().submit(() -> {
                    c.close();
                    listener.close();
                    return null;
                }).get();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.closebench.observe.EveryModel#models")
    void aWriteToAPeerThatStoppedReadingEndsAsTimeout(Observer observer) throws Exception {
        EveryModel.assumeRunsHere(observer);
        try (ObserverSide side = ObserverModels.of(observer).open("deadline-test", Optional.empty(), System::nanoTime)) {
            Listener listener = side.thread().submit(() -> side.listen(new InetSocketAddress("127.0.0.1", 0))).get();
            try (SocketChannel peer = SocketChannel.open(listener.address())) {
                Connection c = side.thread().submit(() -> listener.accept(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)))
                        .get();
                long deadline = System.nanoTime() + DEADLINE;
                IoResult r = side.thread().submit(() -> {
                    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                    IoResult last;
                    int writes = 0;
                    do { // bounded: the buffers hold a few MiB, the deadline ends it long before 256 writes
                        chunk.clear();
                        last = c.write(chunk, deadline);
                    } while (!last.ended() && ++writes < 256);
                    return last;
                }).get(10, TimeUnit.SECONDS);

                assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
                assertThat(peer.isOpen()).isTrue();
                side.thread().submit(() -> {
                    c.close();
                    listener.close();
                    return null;
                }).get();
            }
        }
    }
}
