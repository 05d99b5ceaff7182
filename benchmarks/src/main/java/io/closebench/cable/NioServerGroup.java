package io.closebench.cable;

import io.closebench.transport.IoResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The NIO server: every connection a non-blocking {@code SocketChannel} on one {@code Selector},
 * one thread for all of them, which is how an NIO server watches many connections. The selector's
 * timeout is the next timer (a read deadline, the heartbeat's, a ping or chunk due, the bound). A
 * kernel error makes the channel ready (EPOLLERR), and the read that follows throws it.
 *
 * <p>The project's {@code SelectorLoop} waits for one key at a time; here one loop serves all
 * connections at once, so it drives the {@code Selector} itself. Errors are classified by the same
 * {@link IoResult#failed} as everywhere else.
 */
final class NioServerGroup implements ServerGroup {

    private final ServerGroupSpec spec;
    private final TrialControl control;
    private final ChildReporter out;
    private final List<Watched> watched = new ArrayList<>();
    private final Selector selector;
    private ServerSocketChannel server;
    private int undecided;

    NioServerGroup(ServerGroupSpec spec, TrialControl control, ChildReporter out) throws IOException {
        this.spec = spec;
        this.control = control;
        this.out = out;
        this.selector = Selector.open();
        control.onWakeUp(selector::wakeup);
    }

    @Override
    public int listen(InetAddress bind) throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bind, 0), 512);
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Override
    public void acceptAll(long deadline) throws IOException {
        server.configureBlocking(false);
        try (Selector accepting = Selector.open()) {
            server.register(accepting, SelectionKey.OP_ACCEPT);
            while (watched.size() < spec.connections()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("accepted " + watched.size() + " of " + spec.connections() + " connections by the deadline");
                }
                accepting.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                accepting.selectedKeys().clear();
                SocketChannel ch;
                while (watched.size() < spec.connections() && (ch = server.accept()) != null) {
                    ch.configureBlocking(false);
                    JdkSocketOptions.apply(spec.mechanism(), ch::setOption);
                    int port = ((InetSocketAddress) ch.getRemoteAddress()).getPort();
                    int index = watched.size();
                    watched.add(new Watched(new ObservedConnection(spec, index, port, control, out), ch));
                    out.line("ACCEPTED", String.valueOf(spec.id()), String.valueOf(index), String.valueOf(port));
                }
            }
        }
    }

    @Override
    public void start(long now) {
        Thread t = new Thread(() -> loop(now), "g" + spec.id() + "-nio");
        t.setDaemon(true);
        t.start();
    }

    private void loop(long startAt) {
        try {
            for (Watched w : watched) {
                w.state.start(startAt);
                w.key = w.channel.register(selector, SelectionKey.OP_READ, w);
            }
            undecided = watched.size();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (undecided > 0) {
                long now = System.nanoTime();
                long wake = Long.MAX_VALUE;
                for (Watched w : watched) {
                    if (w.state.isDecided()) {
                        continue;
                    }
                    Decision timer = w.state.expiredTimer(now);
                    if (timer != null) {
                        finish(w, timer);
                        continue;
                    }
                    if (w.state.writeDue() - now <= 0) {
                        w.queue(w.state.takeDueWrites(now));
                        flush(w);
                    }
                    if (!w.state.isDecided()) {
                        wake = Math.min(wake, Math.min(w.state.timerDue(), w.state.writeDue()));
                    }
                }
                if (undecided == 0) {
                    break;
                }
                long waitMillis = wake == Long.MAX_VALUE ? 1000
                        : Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(wake - System.nanoTime() + 999_999)));
                selector.select(waitMillis);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Watched w = (Watched) key.attachment();
                    if (!key.isValid() || w.state.isDecided()) {
                        continue;
                    }
                    if (key.isReadable()) {
                        read(w, buf);
                    }
                    if (key.isValid() && key.isWritable() && !w.state.isDecided()) {
                        flush(w);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            out.line("FAILED", "nio group " + spec.id() + ": " + e);
        }
    }

    private void read(Watched w, ByteBuffer buf) {
        while (true) {
            buf.clear();
            int n;
            try {
                n = w.channel.read(buf);
            } catch (IOException e) {
                finish(w, Decision.failed(e, System.nanoTime(), "READ", w.state.lastReadAtForReport()));
                return;
            }
            long t = System.nanoTime();
            if (n < 0) {
                finish(w, Decision.of(IoResult.eof(t), "READ", w.state.lastReadAtForReport()));
                return;
            }
            if (n == 0) {
                return;
            }
            Decision recovered = w.state.onRead(buf.array(), 0, n, t);
            if (recovered != null) {
                finish(w, recovered);
                return;
            }
        }
    }

    private void flush(Watched w) {
        w.pending.flip();
        try {
            while (w.pending.hasRemaining()) {
                long before = System.nanoTime();
                int n = w.channel.write(w.pending);
                w.state.wrote(n, before);
                if (n == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            finish(w, Decision.failed(e, System.nanoTime(), "WRITE", w.state.lastReadAtForReport()));
        } finally {
            w.pending.compact();
        }
        if (!w.state.isDecided() && w.key.isValid()) {
            w.key.interestOps(w.pending.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void finish(Watched w, Decision d) {
        if (!w.state.decide(d)) {
            return;
        }
        undecided--;
        w.key.interestOps(0); // stop watching; the channel stays open so the kernel's view of it can be read
        String next;
        try {
            int n = w.channel.write(ByteBuffer.wrap(FOLLOW_UP));
            next = n == 1 ? IoResult.ok(1, System.nanoTime()).describe() : "0 B accepted (send buffer full)";
        } catch (IOException e) {
            next = IoResult.failed(e, System.nanoTime()).describe();
        }
        w.state.report(next);
    }

    /** One connection: its channel, key and unsent bytes. */
    private static final class Watched {
        final ObservedConnection state;
        final SocketChannel channel;
        ByteBuffer pending = ByteBuffer.allocate(Workload.CAP_BYTES + 1024);
        SelectionKey key;

        Watched(ObservedConnection state, SocketChannel channel) {
            this.state = state;
            this.channel = channel;
        }

        /** Appends to the unsent bytes (in write mode), growing the buffer rather than dropping anything. */
        void queue(byte[] bytes) {
            if (bytes.length > pending.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(2 * pending.capacity() + bytes.length);
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            pending.put(bytes);
        }
    }
}
