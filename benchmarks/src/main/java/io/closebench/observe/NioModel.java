package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.Listener;
import io.closebench.transport.NioConnection;
import io.closebench.transport.NioListener;
import io.closebench.transport.SelectorLoop;
import io.closebench.transport.WatchHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The NIO model: non-blocking {@code SocketChannel}s on one {@code Selector}, all driven by one
 * event-loop thread. A call tries the operation first and waits in the selector only when it would
 * block; watched connections are serviced by the same loop whenever it selects, so detection
 * competes with them as in a real event loop.
 */
final class NioModel implements ObserverModel {

    private final Observer id;

    NioModel(Observer id) {
        this.id = id;
    }

    @Override
    public Observer id() {
        return id;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock) {
        SelectorLoop loop = new SelectorLoop(clock);
        return new Side(new ObserverThread(name, false, loop, cpus), loop, clock);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final SelectorLoop loop;
        private final LongSupplier clock;
        /** One read buffer for every watched connection: the loop services them one at a time. */
        private final ByteBuffer watchBuffer = ByteBuffer.allocateDirect(4096);

        Side(ObserverThread thread, SelectorLoop loop, LongSupplier clock) {
            this.thread = thread;
            this.loop = loop;
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
            return new NioListener(bindTo, loop, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            // a blocking connect on loopback completes at once; only the established channel is observed
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong())));
                return new NioConnection(channel, loop, clock);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public AutoCloseable watch(Connection connection, WatchHandler handler) throws IOException {
            SocketChannel channel = ((NioConnection) connection).channel();
            SelectionKey key = channel.register(loop.selector(), SelectionKey.OP_READ,
                    (SelectorLoop.ReadyHandler) k -> readWhatIsThere(k, channel, handler));
            return () -> {
                key.cancel();
                channel.close();
            };
        }

        private void readWhatIsThere(SelectionKey key, SocketChannel channel, WatchHandler handler) {
            try {
                while (true) {
                    watchBuffer.clear();
                    int n = channel.read(watchBuffer);
                    long t = clock.getAsLong();
                    if (n < 0) {
                        key.cancel();
                        handler.ended(Outcome.EOF, t, null);
                        return;
                    }
                    if (n == 0) {
                        return;
                    }
                    handler.bytes(n, t);
                }
            } catch (IOException e) {
                long t = clock.getAsLong();
                key.cancel();
                handler.ended(ErrorClassifier.classify(e), t, e);
            }
        }

        @Override
        public void flushClosed() throws IOException {
            loop.flushCancelledKeys();
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
