package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;

/**
 * The NIO detection path: a non-blocking {@code SocketChannel} registered with a shared
 * {@link SelectorLoop}. A call first tries the operation; only when it would block does it wait for
 * readiness in the selector, so an outcome that has already arrived is reported without a select.
 */
public final class NioConnection implements Connection {

    /** The most one {@code channel.write} is given: see {@link #write}. */
    static final int MAX_WRITE_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final LongSupplier clock;
    private SelectionKey key;

    public NioConnection(SocketChannel channel, SelectorLoop loop, LongSupplier clock) throws IOException {
        channel.configureBlocking(false);
        this.channel = channel;
        this.loop = loop;
        this.clock = clock;
    }

    public SocketChannel channel() {
        return channel;
    }

    @Override
    public IoResult read(ByteBuffer dst, long deadline) {
        try {
            while (true) {
                int n = channel.read(dst);
                long t = clock.getAsLong();
                if (n < 0) {
                    return IoResult.eof(t);
                }
                if (n > 0) {
                    return IoResult.ok(n, t);
                }
                if (!loop.await(key(), SelectionKey.OP_READ, deadline)) {
                    return IoResult.timeout(clock.getAsLong());
                }
            }
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    /**
     * Writes all of {@code src}, at most {@value #MAX_WRITE_BYTES} bytes per call: the JDK copies
     * everything that remains of a heap buffer into a temporary direct buffer on every call, however
     * little the kernel then takes, so a large write (X5's 32 MiB) would copy megabytes per attempt,
     * and once more after the wake-up that reports the error, inside t1 - t0. Netty's NIO transport
     * bounds its writes likewise. Every other case writes at most this much at once, so nothing
     * changes for them.
     */
    @Override
    public IoResult write(ByteBuffer src, long deadline) {
        int total = 0;
        try {
            while (true) {
                total += writeSome(src);
                if (!src.hasRemaining()) {
                    return IoResult.ok(total, clock.getAsLong());
                }
                if (!loop.await(key(), SelectionKey.OP_WRITE, deadline)) {
                    return IoResult.timeout(clock.getAsLong());
                }
            }
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    private int writeSome(ByteBuffer src) throws IOException {
        if (src.remaining() <= MAX_WRITE_BYTES) {
            return channel.write(src);
        }
        int n = channel.write(src.slice(src.position(), MAX_WRITE_BYTES));
        src.position(src.position() + n);
        return n;
    }

    /** Registers lazily, so that a connection used only for setup never touches the selector. */
    private SelectionKey key() throws ClosedChannelException {
        if (key == null) {
            key = channel.register(loop.selector(), 0);
        }
        return key;
    }

    @Override
    public int available() throws IOException {
        // the socket adaptor's stream asks the kernel (FIONREAD); it works in non-blocking mode
        return channel.socket().getInputStream().available();
    }

    @Override
    public int remotePort() {
        return channel.socket().getPort();
    }

    @Override
    public InetSocketAddress localAddress() {
        return channel.socket().getLocalSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.socket().getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // see Connection#close
        }
    }
}
