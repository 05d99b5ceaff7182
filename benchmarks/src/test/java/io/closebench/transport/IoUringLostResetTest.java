package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.observe.EveryModel;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sequence of {@code reproducers/} (Netty alone) through closebench's own Netty models: a read
 * is pending, the observer thread is busy while the peer's 16 KiB and its RST arrive, then the
 * observer reads on demand until the outcome. Netty's epoll and NIO transports report the reset;
 * its io_uring transport reads the 16 KiB and then never reports the reset, and the read's timeout
 * carries the state that explains it ({@link IoUringReadState#LOST_RESET}); the next write gets the
 * reset. Should a Netty release report it, this test fails, and docs/findings-iouring-rst.md and the
 * README must say so.
 */
@Timeout(60)
class IoUringLostResetTest {

    private static final int PEER_BYTES = 16 * 1024;

    @ParameterizedTest
    @EnumSource(value = Observer.class, names = {"NETTY_NIO", "NETTY_EPOLL", "NETTY_IOURING"})
    void aResetThatComesWithUnreadDataIsLostByNettysIoUringAloneAndItsTimeoutSaysWhy(Observer observer)
            throws Exception {
        EveryModel.assumeRunsHere(observer);
        try (ObserverSide side = ObserverModels.of(observer).open("lost-reset-test", Optional.empty(), System::nanoTime)) {
            Listener listener = side.thread().submit(() -> side.listen(new InetSocketAddress("127.0.0.1", 0))).get();
            try (Socket peer = new Socket()) {
                peer.connect(listener.address());
                Connection c = side.thread().submit(() -> listener.accept(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)))
                        .get();
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                // a read asked for and pending: nothing has come yet
                IoResult first = side.thread().submit(() -> c.read(buffer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)))
                        .get(10, TimeUnit.SECONDS);
                assertThat(first.outcome()).isEqualTo(Outcome.TIMEOUT);

                CountDownLatch holding = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                side.thread().submit(() -> {
                    holding.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                try {
                    OutputStream out = peer.getOutputStream();
                    out.write(new byte[PEER_BYTES]);
                    peer.setSoLinger(true, 0);
                    peer.close();
                    awaitKernelClosed(c);
                } finally {
                    release.countDown();
                }

                long[] read = {0};
                IoResult end = side.thread().submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    IoResult r;
                    while (!(r = c.read(buffer.clear(), deadline)).ended()) {
                        read[0] += r.bytes();
                    }
                    return r;
                }).get(10, TimeUnit.SECONDS);
                IoResult write = side.thread().submit(() -> c.write(ByteBuffer.wrap(new byte[1]),
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(1))).get(10, TimeUnit.SECONDS);

                if (observer == Observer.NETTY_IOURING) {
                    assertThat(end.outcome()).as(end.toString()).isEqualTo(Outcome.TIMEOUT);
                    assertThat(end.event()).isEqualTo(IoUringReadState.LOST_RESET);
                    assertThat(read[0]).as("the data before the RST was read").isEqualTo(PEER_BYTES);
                    assertThat(write.outcome()).as("the reset was still waiting in the socket: " + write)
                            .isEqualTo(Outcome.RESET);
                } else {
                    assertThat(end.outcome()).as(end.toString()).isEqualTo(Outcome.RESET);
                }
                side.thread().submit(() -> {
                    c.close();
                    listener.close();
                    return null;
                }).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Until the kernel has processed the RST: the connection has left its TCP tables (state CLOSE). */
    private static void awaitKernelClosed(Connection c) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!KernelTcpState.of(c.localAddress(), c.remoteAddress()).equals("CLOSE")) {
            assertThat(System.nanoTime() - until).as("the kernel processed the RST in time").isNegative();
            Thread.sleep(1);
        }
    }
}
