package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;

/** A non-blocking {@code ServerSocketChannel} on the shared selector: accepts {@link NioConnection}s. */
public final class NioListener implements Listener {

    private final ServerSocketChannel server;
    private final SelectorLoop loop;
    private final LongSupplier clock;
    private final SelectionKey key;

    public NioListener(InetSocketAddress bindTo, SelectorLoop loop, LongSupplier clock, SocketHome home)
            throws IOException {
        this.server = home.make(() -> {
            ServerSocketChannel s = ServerSocketChannel.open();
            try {
                s.bind(bindTo, 512);
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        });
        this.server.configureBlocking(false);
        this.loop = loop;
        this.clock = clock;
        this.key = server.register(loop.selector(), 0);
    }

    @Override
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener already closed", e);
        }
    }

    @Override
    public Connection accept(long deadline) throws IOException {
        while (true) {
            SocketChannel accepted = server.accept();
            if (accepted != null) {
                return new NioConnection(accepted, loop, clock);
            }
            if (!loop.await(key, SelectionKey.OP_ACCEPT, deadline)) {
                throw new SocketTimeoutException("no connection to accept before the deadline");
            }
        }
    }

    @Override
    public void close() {
        key.cancel();
        try {
            server.close();
        } catch (IOException ignored) {
            // teardown
        }
    }
}
