package io.closebench.observe;

import io.closebench.schema.DetectedBy;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the observer does to find out that the connection ended. Written once against
 * {@link Connection}, so that the blocking and the NIO observer run exactly the same sequence of
 * calls; only the calls themselves differ.
 */
public enum Probe {

    /** Read until EOF, an error or the deadline, counting every byte delivered on the way. */
    READ_UNTIL_OUTCOME {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            return readUntilOutcome(c, scratch, deadline, 0, 0, scratch.capacity(), 0);
        }
    },

    /**
     * Keep writing chunks, as a sender that has not noticed the close would, until a write fails,
     * the deadline passes or {@code maxWrites} were accepted (then the outcome is NONE).
     */
    WRITE_UNTIL_ERROR {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            int accepted = 0;
            long written = 0;
            IoResult last = null;
            while (accepted < limits.maxWrites()) {
                last = c.write(chunk(scratch, limits), deadline);
                if (last.ended()) {
                    return new ProbeResult(last, DetectedBy.WRITE, 0, accepted, written);
                }
                accepted++;
                written += last.bytes();
            }
            return new ProbeResult(last, DetectedBy.WRITE, 0, accepted, written);
        }
    },

    /**
     * One write, then read until outcome: the note's C2, where the write reaches a peer that has
     * closed and makes it answer with an RST, and the question is what the read then reports.
     *
     * <p>If the write itself fails (X7: an RST had already arrived), the failed write is the
     * outcome, and the probe goes on to read what the receive buffer still holds, as far as the
     * connection's {@code available()} reports bytes, counted as delivered: is data received before
     * an RST still readable once a write has reported the reset? The follow-up read then shows what a
     * read returns once that data is gone (EOF, or the reset).
     */
    WRITE_ONCE_THEN_READ {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            IoResult write = c.write(chunk(scratch, limits), deadline);
            if (write.ended()) {
                return new ProbeResult(write, DetectedBy.WRITE, readBuffered(c, scratch, deadline), 0, 0);
            }
            return readUntilOutcome(c, scratch, deadline, 1, write.bytes(), scratch.capacity(), 0);
        }
    },

    /**
     * One write of {@code writeChunk} bytes, far more than the observer's send buffer and the peer's
     * receive buffer hold together (32 MiB against about 4 MB on loopback here: the send buffer
     * autotuned to {@code tcp_wmem}'s maximum, the receive buffer of a peer that does not read stays
     * at its initial size): with the peer not reading, it blocks in the kernel, or for the event-loop
     * models the loop waits for writability, until the connection's end ends it (X5). The buffer is
     * one shared heap buffer, allocated once; its content is never looked at.
     */
    WRITE_BLOCKED {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            IoResult write = c.write(LargeBuffer.view(limits.writeChunk()), deadline);
            return write.ended() ? new ProbeResult(write, DetectedBy.WRITE, 0, 0, 0)
                    : new ProbeResult(write, DetectedBy.WRITE, 0, 1, write.bytes());
        }
    },

    /**
     * Read until outcome as a slow consumer does: at most {@value #SLOW_READ_BYTES} bytes at a
     * time, then a pause of {@value #SLOW_READ_PAUSE_MICROS} us, so that data stays queued at the
     * peer while it closes (X6). On an event-loop model the pause holds the loop, as a slow handler
     * does.
     */
    READ_SLOWLY {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            return readUntilOutcome(c, scratch, deadline, 0, 0, SLOW_READ_BYTES,
                    TimeUnit.MICROSECONDS.toNanos(SLOW_READ_PAUSE_MICROS));
        }
    };

    /** {@link #READ_SLOWLY}: the most one read takes. */
    public static final int SLOW_READ_BYTES = 8 * 1024;
    /** {@link #READ_SLOWLY}: the pause after each read. */
    public static final int SLOW_READ_PAUSE_MICROS = 250;

    /** Runs the probe; {@code scratch} is reused between repetitions so the probe allocates nothing. */
    public abstract ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline);

    private static ProbeResult readUntilOutcome(Connection c, ByteBuffer scratch, long deadline, int writesAccepted,
                                                long bytesWritten, int readSize, long pauseNanos) {
        long read = 0;
        while (true) {
            scratch.clear().limit(Math.min(readSize, scratch.capacity()));
            IoResult r = c.read(scratch, deadline);
            if (r.ended()) {
                return new ProbeResult(r, DetectedBy.READ, read, writesAccepted, bytesWritten);
            }
            read += r.bytes();
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
        }
    }

    /**
     * Reads while the connection reports bytes in its receive buffer; stops at the first read that
     * ends (the follow-up read comes next). Returns the bytes read.
     */
    private static long readBuffered(Connection c, ByteBuffer scratch, long deadline) {
        long read = 0;
        while (buffered(c) > 0) {
            scratch.clear();
            IoResult r = c.read(scratch, deadline);
            if (r.ended()) {
                break;
            }
            read += r.bytes();
        }
        return read;
    }

    /** What {@code available()} reports; 0 when it cannot say (a channel the model already closed). */
    private static int buffered(Connection c) {
        try {
            return c.available();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static ByteBuffer chunk(ByteBuffer scratch, ProbeLimits limits) {
        scratch.clear();
        scratch.limit(Math.min(limits.writeChunk(), scratch.capacity()));
        return scratch;
    }

    /** The one large buffer {@link #WRITE_BLOCKED} writes, shared read-only by every observer thread. */
    private static final class LargeBuffer {
        private static ByteBuffer shared = ByteBuffer.allocate(0);

        /** A view of {@code size} bytes with its own position and limit. */
        static synchronized ByteBuffer view(int size) {
            if (shared.capacity() < size) {
                shared = ByteBuffer.allocate(size);
            }
            return shared.duplicate().clear().limit(size);
        }
    }
}
