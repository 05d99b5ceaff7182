package io.closebench.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The blocking detection path: a {@code java.net.Socket} whose calling thread sleeps in
 * {@code read} or {@code write} until the kernel has news. Read deadlines use {@code SO_TIMEOUT};
 * write deadlines use the {@link StuckWriteWatchdog}, because the API has none.
 */
public final class BlockingConnection implements Connection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final LongSupplier clock;

    public BlockingConnection(Socket socket, LongSupplier clock) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.clock = clock;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public IoResult read(ByteBuffer dst, long deadline) {
        long remaining = deadline - clock.getAsLong();
        if (remaining <= 0) {
            return IoResult.timeout(clock.getAsLong());
        }
        try {
            // SO_TIMEOUT takes whole milliseconds and 0 means "forever": round up, at least 1
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            long t = clock.getAsLong();
            if (n < 0) {
                return IoResult.eof(t);
            }
            dst.position(dst.position() + n);
            return IoResult.ok(n, t);
        } catch (SocketTimeoutException e) {
            return IoResult.timeout(clock.getAsLong());
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    @Override
    public IoResult write(ByteBuffer src, long deadline) {
        int n = src.remaining();
        StuckWriteWatchdog.arm(socket, deadline);
        try {
            out.write(src.array(), src.arrayOffset() + src.position(), n);
            long t = clock.getAsLong();
            StuckWriteWatchdog.disarm(socket);
            src.position(src.position() + n);
            return IoResult.ok(n, t);
        } catch (IOException e) {
            long t = clock.getAsLong();
            return StuckWriteWatchdog.disarm(socket) ? IoResult.timeout(t) : IoResult.failed(e, t);
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public int remotePort() {
        return socket.getPort();
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.getLocalSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public void close() {
        StuckWriteWatchdog.disarm(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // see Connection#close
        }
    }
}
