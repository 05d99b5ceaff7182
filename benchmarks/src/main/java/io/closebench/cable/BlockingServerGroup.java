package io.closebench.cable;

import io.closebench.transport.BlockingConnection;
import io.closebench.transport.IoResult;
import io.closebench.schema.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The blocking server: {@code java.net.Socket}, one thread per connection asleep in {@code read}
 * (through {@link BlockingConnection}, whose read deadline is {@code SO_TIMEOUT}), and, where the
 * connection sends pings or a stream, one thread per connection writing them, as a
 * thread-per-connection server does. A kernel error wakes whichever of the two sleeps in the
 * socket first.
 *
 * <p>The reader's {@code SO_TIMEOUT} is at most {@value #SLICE_MILLIS} ms per call, so that a bound
 * or a plug announced later takes effect; a slice ending is not an outcome, and an error returns
 * from the call at once whatever the slice.
 */
final class BlockingServerGroup implements ServerGroup {

    static final long SLICE_MILLIS = 200;
    private static final long FOLLOW_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ServerGroupSpec spec;
    private final TrialControl control;
    private final ChildReporter out;
    private final List<Watched> watched = new ArrayList<>();
    private ServerSocket server;

    BlockingServerGroup(ServerGroupSpec spec, TrialControl control, ChildReporter out) {
        this.spec = spec;
        this.control = control;
        this.out = out;
    }

    @Override
    public int listen(InetAddress bind) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0), 512);
        return server.getLocalPort();
    }

    @Override
    public void acceptAll(long deadline) throws IOException {
        for (int i = 0; i < spec.connections(); i++) {
            server.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            Socket s = server.accept();
            JdkSocketOptions.apply(spec.mechanism(), s::setOption);
            ObservedConnection c = new ObservedConnection(spec, i, s.getPort(), control, out);
            watched.add(new Watched(c, new BlockingConnection(s, System::nanoTime)));
            out.line("ACCEPTED", String.valueOf(spec.id()), String.valueOf(i), String.valueOf(s.getPort()));
        }
    }

    @Override
    public void start(long now) {
        for (Watched w : watched) {
            w.state.start(now);
            if (w.state.writeDue() != Long.MAX_VALUE) {
                w.writer = daemon(w::writeLoop, "g" + spec.id() + "-writer-" + w.state.remotePort());
            }
            daemon(w::readLoop, "g" + spec.id() + "-reader-" + w.state.remotePort());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One connection and its threads. */
    private static final class Watched {
        final ObservedConnection state;
        final BlockingConnection socket;
        volatile Thread writer;

        Watched(ObservedConnection state, BlockingConnection socket) {
            this.state = state;
            this.socket = socket;
        }

        void readLoop() {
            byte[] buf = new byte[4096];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            while (!state.isDecided()) {
                long now = System.nanoTime();
                Decision timer = state.expiredTimer(now);
                if (timer != null) {
                    finish(timer, false);
                    return;
                }
                bb.clear();
                IoResult r = socket.read(bb, Math.min(state.timerDue(), now + TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS)));
                if (r.outcome() == Outcome.NONE) {
                    Decision recovered = state.onRead(buf, 0, r.bytes(), r.returnedAt());
                    if (recovered != null) {
                        finish(recovered, false);
                        return;
                    }
                } else if (r.outcome() != Outcome.TIMEOUT) {
                    finish(Decision.of(r, "READ", state.lastReadAtForReport()), false);
                    return;
                }
            }
        }

        void writeLoop() {
            while (!state.isDecided()) {
                long due = state.writeDue();
                if (due == Long.MAX_VALUE) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // short naps so a decision by the reader ends this thread promptly
                    LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20)));
                    continue;
                }
                byte[] bytes = state.takeDueWrites(System.nanoTime());
                long before = System.nanoTime();
                IoResult w = socket.write(ByteBuffer.wrap(bytes), state.writeDeadline());
                if (w.outcome() == Outcome.NONE) {
                    state.wrote(w.bytes(), before);
                } else if (w.outcome() == Outcome.TIMEOUT) {
                    // stuck in write until the bound: the watchdog closed the socket
                    finish(Decision.timer(Outcome.TIMEOUT, "BOUND", w.returnedAt(), state.lastReadAtForReport()), true);
                    return;
                } else {
                    finish(Decision.of(w, "WRITE", state.lastReadAtForReport()), true);
                    return;
                }
            }
        }

        /** The follow-up write, then the report; only by the thread whose decision stands. */
        private void finish(Decision d, boolean onWriter) {
            if (!state.decide(d)) {
                return;
            }
            Thread w = writer;
            if (!onWriter && w != null) {
                try {
                    w.join(TimeUnit.NANOSECONDS.toMillis(FOLLOW_UP_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (w.isAlive()) {
                    state.report("not tried: the writer thread is still blocked in write()");
                    return;
                }
            }
            IoResult next = socket.write(ByteBuffer.wrap(FOLLOW_UP), System.nanoTime() + FOLLOW_UP_NANOS);
            state.report(next.describe());
        }
    }
}
