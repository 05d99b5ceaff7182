package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The two detection paths closebench compares. The {@link SelectorLoop} is used by {@link #NIO}
 * only; the blocking path ignores it, since a blocking program has no selector.
 */
public enum SocketApi {

    /** {@code java.net.Socket}: a thread sleeps in read or write. */
    BLOCKING {
        @Override
        public Listener listen(InetSocketAddress bindTo, SelectorLoop loop, LongSupplier clock) throws IOException {
            return new BlockingListener(bindTo, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline, SelectorLoop loop, LongSupplier clock)
                throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong())));
                return new BlockingConnection(socket, clock);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    },

    /** Non-blocking {@code SocketChannel} registered with a {@code Selector}. */
    NIO {
        @Override
        public Listener listen(InetSocketAddress bindTo, SelectorLoop loop, LongSupplier clock) throws IOException {
            return new NioListener(bindTo, loop, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline, SelectorLoop loop, LongSupplier clock)
                throws IOException {
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
    };

    public abstract Listener listen(InetSocketAddress bindTo, SelectorLoop loop, LongSupplier clock) throws IOException;

    public abstract Connection connect(InetSocketAddress to, long deadline, SelectorLoop loop, LongSupplier clock)
            throws IOException;
}
