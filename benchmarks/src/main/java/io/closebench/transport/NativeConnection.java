package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * A connected socket of the C observer ({@link NativeObserverProcess}): every call is forwarded to
 * the program, which makes it and stamps it with its own clock (CLOCK_MONOTONIC, System.nanoTime's).
 * An error comes back as the program saw it: the errno's name as the exception class
 * ("ECONNRESET"), its number and text as the message ("104: Connection reset by peer").
 *
 * <p>The harness's set-up calls come through here one at a time; a probe runs whole in the program
 * (the observer side's {@code probe}, by {@link #handle()}). A program that fails to answer makes a
 * call {@link io.closebench.schema.Outcome#OTHER_ERROR}, with the reason as its message.
 */
public final class NativeConnection implements Connection {

    private final NativeObserverProcess process;
    private final long handle;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final LongSupplier clock;
    private volatile boolean closed;

    public NativeConnection(NativeObserverProcess process, NativeObserverProcess.Connected connected, LongSupplier clock) {
        this.process = process;
        this.handle = connected.handle();
        this.local = connected.local();
        this.remote = connected.remote();
        this.clock = clock;
    }

    /** The program's handle for this socket. */
    public long handle() {
        return handle;
    }

    public NativeObserverProcess process() {
        return process;
    }

    @Override
    public IoResult read(ByteBuffer dst, long deadline) {
        if (!dst.hasRemaining()) {
            return IoResult.ok(0, clock.getAsLong());
        }
        try {
            return process.read(handle, dst, deadline);
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    @Override
    public IoResult write(ByteBuffer src, long deadline) {
        if (!src.hasRemaining()) {
            return IoResult.ok(0, clock.getAsLong());
        }
        try {
            return process.write(handle, src, deadline);
        } catch (IOException e) {
            return IoResult.failed(e, clock.getAsLong());
        }
    }

    @Override
    public int available() throws IOException {
        return process.available(handle);
    }

    @Override
    public int remotePort() {
        return remote.getPort();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * close() in the program, on its request thread, at once, whatever its observer thread is doing
     * with the socket: a recv() blocked on it is not woken by that on Linux (the call holds the
     * socket until it returns).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.close(handle);
        } catch (IOException ignored) {
            // see Connection#close; a program that is gone took its sockets with it
        }
    }
}
