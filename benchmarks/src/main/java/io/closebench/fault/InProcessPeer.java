package io.closebench.fault;

import io.closebench.transport.BlockingConnection;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The misbehaving peer as a socket in the harness's JVM.
 *
 * <p>It is a {@code SocketChannel} used in blocking mode through its socket adaptor and
 * <em>never registered with a selector</em>, unless the case asks for one that is
 * ({@link PeerChannel}): the JDK defers the real {@code close()} of a registered channel until its
 * selector flushes the key, which is what the cases with a registered peer (X6c, X8) measure, and
 * would change every other case. It switches to non-blocking only to fill the buffers, and at the
 * fault where the case says so.
 *
 * <p>What it reports afterwards ({@link PeerReport#peerAfter()}), where the case asks: for a local
 * close of the observer's socket, what the peer received (read right when the fault call returned,
 * without blocking, and otherwise after the observer's outcome); for a registered channel, when its
 * selector flushed the key; for a peer that stopped reading, how much it held unread. Every fault
 * call is timed ({@link PeerReport#faultCallNanos()}).
 */
public final class InProcessPeer implements Peer {

    private static final int FILL_CHUNK = 64 * 1024;
    /** Fill stops here even if the kernel would take more: the loop that sends must be bounded. */
    private static final long FILL_CAP_BYTES = 256L * 1024 * 1024;
    /** How often a peer that stopped reading looks at its receive queue while the observer fills it. */
    private static final long FILL_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * How long the receive queue of a peer that stopped reading must hold still before the fault: it
     * is full within a millisecond; the observer's write goes on filling its own send buffer, then
     * sleeps, which the harness checks before the fault (asleep_at_fault).
     */
    private static final long FILLED_STILL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How long the peer's own read after the observer's outcome may wait. */
    private static final long PEER_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SocketChannel channel;
    private final BlockingConnection io;
    private final LongSupplier clock;
    private final Fault fault;
    /** The observer's own connection: a local close (X4) is a close of it. */
    private final Connection observed;
    /** How its selector's thread is seen asleep (registered channels): this host's kernel, or nothing. */
    private final AsleepProbe asleepProbe;
    private PeerPreparation preparation = new PeerPreparation(0, PeerData.NONE, 0, 1);
    private final ByteBuffer chunk = ByteBuffer.allocate(FILL_CHUNK);
    private long bytesSent;
    private PeerSelector selector;
    private long faultAt = Long.MIN_VALUE;
    private long faultReturnedAt = Long.MIN_VALUE;
    /** A local close: what the peer's socket held when the fault call returned; null: nothing yet. */
    private IoResult atFaultReturn;
    private long unreadAtFault = -1;

    /**
     * @param channel     the peer's connected socket (blocking, never registered)
     * @param fault       its call at t0
     * @param observed    the observer's end of the connection, which a local close closes; null where
     *                    the observer is on another host (the harness closes it there)
     * @param asleepProbe how its selector's thread is seen asleep, where the case registers the channel
     */
    public InProcessPeer(SocketChannel channel, LongSupplier clock, Fault fault, Connection observed,
                         AsleepProbe asleepProbe) throws IOException {
        this.channel = channel;
        this.io = new BlockingConnection(channel.socket(), clock);
        this.clock = clock;
        this.fault = fault;
        this.observed = observed;
        this.asleepProbe = asleepProbe;
    }

    @Override
    public void prepare(PeerPreparation preparation, long deadline) throws IOException {
        this.preparation = preparation;
        if (preparation.channel() != PeerChannel.BLOCKING && preparation.data() == PeerData.STREAM_DURING_PROBE) {
            throw new IOException("a peer that is " + preparation.channel().label()
                    + " at the fault sends before the probe, not during it");
        }
        if (preparation.readsObserverBytes() > 0) {
            readExactly(preparation.readsObserverBytes(), deadline);
        }
        switch (preparation.data()) {
            case SENT_THEN_DRAINED, SENT_UNREAD -> send(preparation.bytes(), preparation.writeSize(), deadline);
            case FILL_UNREAD -> {
                if (preparation.bytes() > 0) {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, (int) preparation.bytes());
                }
                fillBuffers(deadline);
            }
            default -> {
                // NONE, OBSERVER_FILLS, or STREAM_DURING_PROBE: sent (or waited for) once the observer is in its probe
            }
        }
        prepareFault();
        holdChannel();
    }

    @Override
    public void whileObserverProbes(long deadline) throws IOException {
        switch (preparation.data()) {
            case STREAM_DURING_PROBE -> send(preparation.bytes(), preparation.writeSize(), deadline);
            case OBSERVER_FILLS -> awaitObserverFilled(deadline);
            default -> {
                // nothing to do while the observer probes
            }
        }
    }

    @Override
    public boolean faultByHarness() {
        return true;
    }

    @Override
    public long injectFault(long deadline) throws IOException {
        switch (fault) {
            case CLOSE, CLOSE_ABORTIVE, CLOSE_LINGERING -> {
                faultAt = clock.getAsLong();
                channel.close();
                faultReturnedAt = clock.getAsLong();
                if (preparation.channel() == PeerChannel.REGISTERED_WOKEN) {
                    selector.wakeup();
                }
            }
            case SHUTDOWN_OUTPUT -> {
                faultAt = clock.getAsLong();
                channel.shutdownOutput();
                faultReturnedAt = clock.getAsLong();
            }
            case LOCAL_CLOSE -> {
                if (observed == null) {
                    throw new IllegalStateException("a local close is the observer's own: its host makes it");
                }
                faultAt = clock.getAsLong();
                observed.close();
                faultReturnedAt = clock.getAsLong();
                atFaultReturn = peek();
            }
            default -> throw new IllegalArgumentException(fault + " needs a child process, not an in-process peer");
        }
        return faultAt;
    }

    @Override
    public PeerReport report(long deadline) {
        List<String> after = new ArrayList<>();
        if (fault == Fault.SHUTDOWN_OUTPUT) {
            after.add("peer read after its half-close: " + readOnce(deadline).describe());
        }
        if (fault == Fault.LOCAL_CLOSE && faultAt != Long.MIN_VALUE) {
            after.add(whatThePeerReceived(deadline));
        }
        if (unreadAtFault >= 0) {
            after.add("peer held " + unreadAtFault + " B unread when it closed");
        }
        if (selector != null && faultAt != Long.MIN_VALUE) {
            // woken, it flushes the key before it stamps the time: on a shared CPU the observer may be told first
            long woke = preparation.channel() == PeerChannel.REGISTERED_WOKEN
                    ? selector.awaitWoken(Math.min(deadline, clock.getAsLong() + PEER_READ_NANOS)) : selector.firstWokeAt();
            after.add(woke == Long.MIN_VALUE
                    ? "peer's selector still asleep after the observer's outcome: the deferred close had not happened"
                    : "peer's selector selected again " + micros(woke - faultAt) + " after close(): the key was "
                    + "flushed and the socket really closed then");
        }
        long faultCall = faultAt == Long.MIN_VALUE || faultReturnedAt == Long.MIN_VALUE ? -1 : faultReturnedAt - faultAt;
        return PeerReport.sent(bytesSent, String.join("; ", after), faultCall);
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

    /**
     * The peer stopped reading and the observer writes: waits until the peer's receive queue has held
     * still for {@link #FILLED_STILL_NANOS}, by which time the observer's send buffer is full too.
     */
    private void awaitObserverFilled(long deadline) throws IOException {
        long last = -1;
        long stillSince = clock.getAsLong();
        while (deadline - clock.getAsLong() > 0) {
            LockSupport.parkNanos(FILL_CHECK_NANOS);
            long unread = io.available();
            long now = clock.getAsLong();
            if (unread != last || unread == 0) {
                last = unread;
                stillSince = now;
            } else if (now - stillSince >= FILLED_STILL_NANOS) {
                unreadAtFault = unread;
                return;
            }
        }
        throw new IOException("the observer's write never filled the peer's receive buffer (" + last + " B unread)");
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
        } else if (fault == Fault.CLOSE_LINGERING) {
            channel.socket().setSoLinger(true, Fault.LINGER_SECONDS);
        }
    }

    /** Puts the channel in the mode the case wants at the fault; a registered one's selector waits already. */
    private void holdChannel() throws IOException {
        switch (preparation.channel()) {
            case BLOCKING -> {
                // as it is
            }
            case NON_BLOCKING -> channel.configureBlocking(false);
            case REGISTERED_ASLEEP, REGISTERED_WOKEN -> selector = PeerSelector.register(channel, clock, asleepProbe);
        }
    }

    /**
     * Whether the peer's socket already holds the end (a FIN: EOF; an RST: an error) right when the
     * fault call returned, without blocking: one non-blocking read; null when nothing is there yet.
     */
    private IoResult peek() {
        try {
            channel.configureBlocking(false);
            try {
                chunk.clear();
                int n = channel.read(chunk);
                long t = clock.getAsLong();
                return n < 0 ? IoResult.eof(t) : n > 0 ? IoResult.ok(n, t) : null;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    /** A local close: what the peer received (FIN: EOF, RST: a reset), and how soon after t0. */
    private String whatThePeerReceived(long deadline) {
        if (atFaultReturn != null) {
            return "peer read " + atFaultReturn.describe() + " " + micros(atFaultReturn.returnedAt() - faultAt)
                    + " after t0, as the fault call returned";
        }
        IoResult r = readOnce(Math.min(deadline, clock.getAsLong() + PEER_READ_NANOS));
        return "peer read " + r.describe() + " by " + micros(r.returnedAt() - faultAt)
                + " after t0 (nothing yet as the fault call returned; read after the observer's outcome)";
    }

    /**
     * The peer's own view afterwards: one read, bounded. Where the observer's host closed the
     * observer's socket (X4 across hosts), this is what the peer got.
     */
    public IoResult readOnce(long deadline) {
        chunk.clear();
        return io.read(chunk, deadline);
    }

    private static String micros(long nanos) {
        return String.format("%.1f us", nanos / 1e3);
    }

    private static void expectOk(IoResult r, String what) throws IOException {
        if (r.ended()) {
            throw new IOException("peer " + what + " ended before the fault: " + r.describe());
        }
    }

    @Override
    public void close() {
        if (fault == Fault.CLOSE_LINGERING && channel.isOpen()) {
            // the fault never came: tearing down must not linger
            try {
                channel.socket().setSoLinger(false, 0);
            } catch (IOException ignored) {
                // teardown
            }
        }
        io.close();
        if (selector != null) {
            selector.close();
        }
    }
}
