package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.BlockingConnection;
import io.closebench.transport.BlockingListener;
import io.closebench.transport.Connection;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.Listener;
import io.closebench.transport.SocketHome;
import io.closebench.transport.IoResult;
import io.closebench.transport.JdkSocketOptions;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import io.closebench.placement.Affinity;
import java.nio.ByteBuffer;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The blocking models: {@code java.net.Socket}, each connection's calls on a thread that sleeps in
 * them, on a platform thread ({@link Observer#BLOCKING}) or on a virtual thread
 * ({@link Observer#VIRTUAL}, JDK 21+), the same code either way. A watched connection gets a thread
 * of its own, blocked in read: thread-per-connection, as such a server is written.
 */
final class ThreadPerConnectionModel implements ObserverModel {

    /** How long the follow-up write after a decision waits for a writer that is busy. */
    private static final long FOLLOW_UP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** A write or timer of a watched connection, due at {@code at}; ties in the order they came. */
    private record Due(long at, long sequence, Runnable task) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            long d = at - o.at;
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(sequence, o.sequence);
        }
    }

    private final Observer id;
    private final boolean virtual;

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // giving up is all that is left to do
        }
    }

    ThreadPerConnectionModel(Observer id, boolean virtual) {
        this.id = id;
        this.virtual = virtual;
    }

    @Override
    public Observer id() {
        return id;
    }

    @Override
    public Optional<String> unavailableReason() {
        return virtual ? VirtualThreads.unavailableReason() : Optional.empty();
    }

    @Override
    public int minimumJdk() {
        return virtual ? VirtualThreads.MINIMUM_JDK : ObserverModel.super.minimumJdk();
    }

    @Override
    public boolean threadPerConnection() {
        return true;
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock, SocketHome home) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(id + " cannot run here: " + why);
        });
        return new Side(new ObserverThread(name, virtual, null, cpus), clock, home);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final LongSupplier clock;
        private final SocketHome home;
        private int watchers;
        private int dials;

        Side(ObserverThread thread, LongSupplier clock, SocketHome home) {
            this.thread = thread;
            this.clock = clock;
            this.home = home;
        }

        @Override
        public Observer id() {
            return id;
        }

        @Override
        public ObserverThread thread() {
            return thread;
        }

        @Override
        public Listener listen(InetSocketAddress bindTo) throws IOException {
            return new BlockingListener(bindTo, clock, home);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            Socket socket = socket(Dial.to(to));
            try {
                socket.connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong())));
                return new BlockingConnection(socket, clock);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public Dialing dial(Dial dial, DialHandler handler) throws IOException {
            Socket socket = socket(dial);
            int timeoutMillis = dial.timeout().map(t -> (int) Math.max(1, t.toMillis())).orElse(0);
            Thread connecting = thread("closebench-connect-" + dials++, () -> {
                long startedAt = clock.getAsLong();
                handler.started(startedAt);
                try {
                    socket.connect(dial.to(), timeoutMillis);
                    long t = clock.getAsLong();
                    handler.connected(new BlockingConnection(socket, clock), t);
                } catch (IOException e) {
                    long t = clock.getAsLong();
                    closeQuietly(socket);
                    handler.failed(IoResult.failed(e, t));
                }
            });
            connecting.start();
            return () -> closeQuietly(socket);
        }

        /** A socket made in this side's home, its options set and bound where the dial says, unconnected. */
        private Socket socket(Dial dial) throws IOException {
            return home.make(() -> {
                Socket s = new Socket();
                try {
                    JdkSocketOptions.apply(dial.settings(), s::setOption);
                    // the bind creates the descriptor: here, in the home's namespace
                    s.bind(dial.from().orElse(null));
                    return s;
                } catch (IOException | RuntimeException e) {
                    s.close();
                    throw e;
                }
            });
        }

        @Override
        public Watch watch(Connection connection, WatchHandler handler) throws IOException {
            BlockingConnection blocking = (BlockingConnection) connection;
            blocking.socket().setSoTimeout(0);
            int n = watchers++;
            Thread reader = thread("closebench-reader-" + n, () -> readUntilEnd(blocking.socket(), handler));
            reader.start();
            return new ThreadWatch(blocking, handler, reader, "closebench-writer-" + n);
        }

        @Override
        public void configure(Connection connection, SocketSettings settings) throws IOException {
            JdkSocketOptions.apply(settings, ((BlockingConnection) connection).socket()::setOption);
        }

        /** A daemon thread of this model's kind, placed where the observer runs. */
        private Thread thread(String name, Runnable body) {
            Thread t = virtual ? VirtualThreads.unstarted(name, body) : new Thread(() -> {
                thread.cpus().ifPresent(Affinity::pinCurrentThread);
                body.run();
            }, name);
            t.setDaemon(true);
            return t;
        }

        private void readUntilEnd(Socket socket, WatchHandler handler) {
            byte[] buffer = new byte[4096];
            ByteBuffer view = ByteBuffer.wrap(buffer);
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    int n = in.read(buffer);
                    long t = clock.getAsLong();
                    if (n < 0) {
                        handler.ended(Outcome.EOF, t, null);
                        return;
                    }
                    handler.bytes(view.clear().limit(n), t);
                }
            } catch (IOException e) {
                handler.ended(ErrorClassifier.classify(e), clock.getAsLong(), e);
            }
        }

        /**
         * One watched connection: its reader thread, blocked in read, and, from its first write or
         * timer on, a writer thread of its own that runs writes and timers in order: a blocking write
         * that blocks holds up only this connection, as in a thread-per-connection server.
         */
        private final class ThreadWatch implements Watch {
            private final BlockingConnection connection;
            private final WatchHandler handler;
            private final Thread reader;
            private final String writerName;
            private final PriorityBlockingQueue<Due> due = new PriorityBlockingQueue<>();
            private final AtomicLong sequence = new AtomicLong();
            private volatile boolean writing;
            private volatile boolean closed;
            private Thread writer;

            ThreadWatch(BlockingConnection connection, WatchHandler handler, Thread reader, String writerName) {
                this.connection = connection;
                this.handler = handler;
                this.reader = reader;
                this.writerName = writerName;
            }

            @Override
            public void write(byte[] bytes, long deadline) {
                at(clock.getAsLong(), () -> {
                    long startedAt = clock.getAsLong();
                    writing = true;
                    IoResult r = connection.write(ByteBuffer.wrap(bytes), deadline);
                    writing = false;
                    if (r.ended()) {
                        handler.writeFailed(r.outcome(), r.returnedAt(), r.exceptionClass().isEmpty() ? null
                                : new IOException(r.exceptionClass() + ": " + r.message()));
                    } else {
                        handler.written(r.bytes(), startedAt);
                    }
                });
            }

            @Override
            public synchronized void at(long atNanos, Runnable task) {
                if (closed) {
                    return;
                }
                due.add(new Due(atNanos, sequence.getAndIncrement(), task));
                if (writer == null) {
                    writer = thread(writerName, this::runDue);
                    writer.start();
                } else {
                    LockSupport.unpark(writer);
                }
            }

            private void runDue() {
                while (!closed) {
                    Due next = due.peek();
                    long left = next == null ? TimeUnit.MILLISECONDS.toNanos(100) : next.at() - clock.getAsLong();
                    if (left > 0) {
                        LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                        continue;
                    }
                    due.poll().task().run();
                }
            }

            @Override
            public void tryWriteNow(byte[] bytes, Consumer<String> result) {
                if (writing) {
                    // a writer stuck in a write to a dead peer: a second write on the same socket would only queue behind it
                    long until = clock.getAsLong() + FOLLOW_UP_WAIT_NANOS;
                    while (writing && clock.getAsLong() - until < 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                    if (writing) {
                        result.accept("not tried: the writer thread is still blocked in write()");
                        return;
                    }
                }
                result.accept(connection.write(ByteBuffer.wrap(bytes), clock.getAsLong() + FOLLOW_UP_WAIT_NANOS).describe());
            }

            @Override
            public void close() {
                synchronized (this) {
                    closed = true;
                }
                connection.close();
                try {
                    reader.join(TimeUnit.SECONDS.toMillis(5));
                    Thread w;
                    synchronized (this) {
                        w = writer;
                    }
                    if (w != null) {
                        LockSupport.unpark(w);
                        w.join(TimeUnit.SECONDS.toMillis(5));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
