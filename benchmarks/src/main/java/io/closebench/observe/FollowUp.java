package io.closebench.observe;

import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.nio.ByteBuffer;

/**
 * What the next read and the next write return once the outcome is known: is the error sticky,
 * does a read after a reset report EOF, does a half-closed connection still accept writes?
 *
 * @param nextRead  one read after the outcome
 * @param nextWrite one single-byte write after that read
 */
public record FollowUp(IoResult nextRead, IoResult nextWrite) {

    /** Runs one read then one 1-byte write, each bounded by {@code deadline}. */
    public static FollowUp after(Connection c, ByteBuffer scratch, long deadline) {
        scratch.clear();
        IoResult read = c.read(scratch, deadline);
        scratch.clear().limit(1);
        IoResult write = c.write(scratch, deadline);
        return new FollowUp(read, write);
    }
}
