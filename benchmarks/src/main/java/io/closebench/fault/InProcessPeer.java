package io.closebench.fault;

import io.closebench.transport.BlockingConnection;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The misbehaving peer as a socket in the harness's JVM.
 *
 * <p>It is a {@code SocketChannel} that is <em>never registered with a selector</em>: the JDK
 * defers the real {@code close()} of a registered channel until its selector deregisters the key,
 * shutting down output in the meantime. That would turn an RST into a FIN and delay it, which is
 * exactly what this project measures, so the peer uses the channel in blocking mode through its
 * socket adaptor, and switches to non-blocking only to fill the buffers.
 */
public final class InProcessPeer implements Peer {

    private static final int FILL_CHUNK = 64 * 1024;
    /** Fill stops here even if the kernel would take more: the loop that sends must be bounded. */
    private static final long FILL_CAP_BYTES = 256L * 1024 * 1024;

    private final SocketChannel channel;
    private final BlockingConnection io;
    private final LongSupplier clock;
    private final Fault fault;
    private PeerPreparation preparation = new PeerPreparation(0, PeerData.NONE, 0, 1);
    private final ByteBuffer chunk = ByteBuffer.allocate(FILL_CHUNK);
    private long bytesSent;

    /**
     * @param channel the peer's connected socket (blocking, never registered)
     * @param fault   its call at t0
     */
    public InProcessPeer(SocketChannel channel, LongSupplier clock, Fault fault) throws IOException {
        this.channel = channel;
        this.io = new BlockingConnection(channel.socket(), clock);
        this.clock = clock;
        this.fault = fault;
    }

    @Override
    public void prepare(PeerPreparation preparation, long deadline) throws IOException {
        this.preparation = preparation;
        if (preparation.readsObserverBytes() > 0) {
            readExactly(preparation.readsObserverBytes(), deadline);
        }
        switch (preparation.data()) {
            case SENT_THEN_DRAINED, SENT_UNREAD -> send(preparation.bytes(), preparation.writeSize(), deadline);
            case FILL_UNREAD -> fillBuffers(deadline);
            default -> {
                // NONE, or STREAM_DURING_PROBE: sent once the observer is in its probe
            }
        }
        prepareFault();
    }

    @Override
    public void whileObserverProbes(long deadline) throws IOException {
        if (preparation.data() == PeerData.STREAM_DURING_PROBE) {
            send(preparation.bytes(), preparation.writeSize(), deadline);
        }
    }

    @Override
    public boolean faultByHarness() {
        return true;
    }

    @Override
    public long injectFault(Connection observed, long deadline) throws IOException {
        return inject(fault);
    }

    @Override
    public PeerReport report(long deadline) {
        return PeerReport.sent(bytesSent, fault == Fault.SHUTDOWN_OUTPUT
                ? "peer read after its half-close: " + readOnce(deadline).describe() : "");
    }

    /** Bytes the peer's kernel accepted from its writes so far. */
    public long bytesSent() {
        return bytesSent;
    }

    public int localPort() {
        return channel.socket().getLocalPort();
    }

    /** Sends {@code bytes} in writes of {@code writeSize} ("many packets"), each bounded by the deadline. */
    private void send(long bytes, int writeSize, long deadline) throws IOException {
        while (bytesSent < bytes) {
            chunk.clear().limit((int) Math.min(Math.min(writeSize, FILL_CHUNK), bytes - bytesSent));
            expectOk(io.write(chunk, deadline), "send");
            bytesSent += chunk.position();
        }
    }

    /**
     * Writes without blocking until the kernel takes no more: the peer's send queue and the
     * observer's receive buffer are then full. Stops at {@link #FILL_CAP_BYTES} or the deadline.
     */
    private void fillBuffers(long deadline) throws IOException {
        channel.configureBlocking(false);
        try {
            int idleRounds = 0;
            // a write returning 0 can be momentary while loopback moves data between the buffers:
            // "full" is two refusals half a millisecond apart with nothing taken in between
            while (idleRounds < 2 && bytesSent < FILL_CAP_BYTES && deadline - clock.getAsLong() > 0) {
                chunk.clear();
                int n = channel.write(chunk);
                bytesSent += n;
                if (n == 0) {
                    idleRounds++;
                    TimeUnit.MICROSECONDS.sleep(500);
                } else {
                    idleRounds = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** Reads and discards exactly {@code bytes} that the observer sent. */
    private void readExactly(long bytes, long deadline) throws IOException {
        long read = 0;
        while (read < bytes) {
            chunk.clear().limit((int) Math.min(FILL_CHUNK, bytes - read));
            IoResult r = io.read(chunk, deadline);
            expectOk(r, "read");
            read += r.bytes();
        }
    }

    /** Arranges what must be set before the fault call itself, so that t0 precedes the call only. */
    private void prepareFault() throws IOException {
        if (fault == Fault.CLOSE_ABORTIVE) {
            channel.socket().setSoLinger(true, 0);
        }
    }

    /** Performs the fault; returns t0, the clock read right before the call. */
    private long inject(Fault fault) throws IOException {
        switch (fault) {
            case CLOSE, CLOSE_ABORTIVE -> {
                long t0 = clock.getAsLong();
                channel.close();
                return t0;
            }
            case SHUTDOWN_OUTPUT -> {
                long t0 = clock.getAsLong();
                channel.shutdownOutput();
                return t0;
            }
            default -> throw new IllegalArgumentException(fault + " needs a child process, not an in-process peer");
        }
    }

    /** The peer's own view afterwards: one read, for the half-close case where it still listens. */
    private IoResult readOnce(long deadline) {
        chunk.clear();
        return io.read(chunk, deadline);
    }

    private static void expectOk(IoResult r, String what) throws IOException {
        if (r.ended()) {
            throw new IOException("peer " + what + " ended before the fault: " + r.describe());
        }
    }

    @Override
    public void close() {
        io.close();
    }
}
