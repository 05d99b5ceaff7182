package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.BlockingConnection;
import io.closebench.transport.BlockingListener;
import io.closebench.transport.Connection;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.Listener;
import io.closebench.transport.WatchHandler;
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

    private final Observer id;
    private final boolean virtual;

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
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(id + " cannot run here: " + why);
        });
        return new Side(new ObserverThread(name, virtual, null, cpus), clock);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final LongSupplier clock;
        private int watchers;

        Side(ObserverThread thread, LongSupplier clock) {
            this.thread = thread;
            this.clock = clock;
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
            return new BlockingListener(bindTo, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong())));
                return new BlockingConnection(socket, clock);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public AutoCloseable watch(Connection connection, WatchHandler handler) throws IOException {
            Socket socket = ((BlockingConnection) connection).socket();
            socket.setSoTimeout(0);
            Runnable reader = () -> readUntilEnd(socket, handler);
            String name = thread.cpus().map(c -> "closebench-watch-" + watchers).orElse("closebench-watch-" + watchers);
            watchers++;
            Thread t = virtual ? VirtualThreads.unstarted(name, reader) : new Thread(() -> {
                thread.cpus().ifPresent(io.closebench.placement.Affinity::pinCurrentThread);
                reader.run();
            }, name);
            t.setDaemon(true);
            t.start();
            return () -> {
                connection.close();
                t.join(TimeUnit.SECONDS.toMillis(5));
            };
        }

        private void readUntilEnd(Socket socket, WatchHandler handler) {
            byte[] buffer = new byte[4096];
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    int n = in.read(buffer);
                    long t = clock.getAsLong();
                    if (n < 0) {
                        handler.ended(Outcome.EOF, t, null);
                        return;
                    }
                    handler.bytes(n, t);
                }
            } catch (IOException e) {
                handler.ended(ErrorClassifier.classify(e), clock.getAsLong(), e);
            }
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
