package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** {@code java.net.ServerSocket}: accepted sockets are {@link BlockingConnection}s. */
public final class BlockingListener implements Listener {

    private final ServerSocket server;
    private final LongSupplier clock;

    public BlockingListener(InetSocketAddress bindTo, LongSupplier clock, SocketHome home) throws IOException {
        this.server = home.make(() -> {
            ServerSocket s = new ServerSocket();
            try {
                s.bind(bindTo, 512);
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        });
        this.clock = clock;
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @Override
    public Connection accept(long deadline) throws IOException {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong()));
        server.setSoTimeout((int) remaining);
        return new BlockingConnection(server.accept(), clock);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // teardown
        }
    }
}
