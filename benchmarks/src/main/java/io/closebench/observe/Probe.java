package io.closebench.observe;

import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.nio.ByteBuffer;

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
            return readUntilOutcome(c, scratch, deadline, 0, 0);
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
                    return new ProbeResult(last, ProbeResult.Call.WRITE, 0, accepted, written);
                }
                accepted++;
                written += last.bytes();
            }
            return new ProbeResult(last, ProbeResult.Call.WRITE, 0, accepted, written);
        }
    },

    /**
     * One write, then read until outcome: the note's C2, where the write reaches a peer that has
     * closed and makes it answer with an RST, and the question is what the read then reports.
     */
    WRITE_ONCE_THEN_READ {
        @Override
        public ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline) {
            IoResult write = c.write(chunk(scratch, limits), deadline);
            if (write.ended()) {
                return new ProbeResult(write, ProbeResult.Call.WRITE, 0, 0, 0);
            }
            return readUntilOutcome(c, scratch, deadline, 1, write.bytes());
        }
    };

    /** Runs the probe; {@code scratch} is reused between repetitions so the probe allocates nothing. */
    public abstract ProbeResult observe(Connection c, ProbeLimits limits, ByteBuffer scratch, long deadline);

    private static ProbeResult readUntilOutcome(Connection c, ByteBuffer scratch, long deadline,
                                                int writesAccepted, long bytesWritten) {
        long read = 0;
        while (true) {
            scratch.clear();
            IoResult r = c.read(scratch, deadline);
            if (r.ended()) {
                return new ProbeResult(r, ProbeResult.Call.READ, read, writesAccepted, bytesWritten);
            }
            read += r.bytes();
        }
    }

    private static ByteBuffer chunk(ByteBuffer scratch, ProbeLimits limits) {
        scratch.clear();
        scratch.limit(Math.min(limits.writeChunk(), scratch.capacity()));
        return scratch;
    }
}
