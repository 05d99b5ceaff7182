package io.closebench.observe;

import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import io.closebench.schema.Outcome;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection that answers from a script, each answer stamped by a fake clock that advances 10
 * units per call: the probes' logic, and the instant they report, can then be checked exactly.
 */
final class ScriptedConnection implements Connection {

    final AtomicLong clock = new AtomicLong(1000);
    private final Deque<Outcome> reads = new ArrayDeque<>();
    private final Deque<Outcome> writes = new ArrayDeque<>();
    int readCalls;
    int writeCalls;
    /** What {@link #available()} reports: the bytes scripted as buffered, less what reads took. */
    private long buffered;
    /** The limit of the buffer each read was given, in order. */
    final java.util.List<Integer> readSizes = new java.util.ArrayList<>();

    /** Bytes the receive buffer holds, as {@link #available()} will report them. */
    ScriptedConnection buffered(long bytes) {
        buffered = bytes;
        return this;
    }

    ScriptedConnection reads(Outcome... outcomes) {
        reads.addAll(java.util.List.of(outcomes));
        return this;
    }

    ScriptedConnection writes(Outcome... outcomes) {
        writes.addAll(java.util.List.of(outcomes));
        return this;
    }

    @Override
    public IoResult read(ByteBuffer dst, long deadline) {
        readCalls++;
        readSizes.add(dst.remaining());
        IoResult r = answer(reads.isEmpty() ? Outcome.TIMEOUT : reads.poll(), dst);
        buffered = Math.max(0, buffered - r.bytes());
        return r;
    }

    @Override
    public IoResult write(ByteBuffer src, long deadline) {
        writeCalls++;
        return answer(writes.isEmpty() ? Outcome.NONE : writes.poll(), src);
    }

    private IoResult answer(Outcome o, ByteBuffer buffer) {
        long t = clock.addAndGet(10);
        return switch (o) {
            case NONE -> {
                int n = buffer.remaining();
                buffer.position(buffer.limit());
                yield IoResult.ok(n, t);
            }
            case EOF -> IoResult.eof(t);
            case TIMEOUT -> IoResult.timeout(t);
            default -> new IoResult(o, 0, "SocketException", o.name(), "", t);
        };
    }

    @Override
    public int available() {
        return (int) buffered;
    }

    @Override
    public int remotePort() {
        return 0;
    }

    @Override
    public void close() {
    }
}
