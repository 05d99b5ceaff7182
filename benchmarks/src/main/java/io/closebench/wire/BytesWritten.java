package io.closebench.wire;

import java.util.OptionalLong;

/**
 * How many bytes each side's application wrote to the connection in all (what its write calls
 * accepted), when the caller knows: what lets the analysis tell data that never left (discarded by
 * an RST) from data that crossed.
 *
 * @param observer bytes the observer's program wrote, if known
 * @param peer     bytes the peer's program wrote, if known
 */
public record BytesWritten(OptionalLong observer, OptionalLong peer) {

    /** Neither is known. */
    public static BytesWritten unknown() {
        return new BytesWritten(OptionalLong.empty(), OptionalLong.empty());
    }

    /** Both known. */
    public static BytesWritten of(long observer, long peer) {
        return new BytesWritten(OptionalLong.of(observer), OptionalLong.of(peer));
    }

    /** Only the peer's known. */
    public static BytesWritten byPeer(long peer) {
        return new BytesWritten(OptionalLong.empty(), OptionalLong.of(peer));
    }

    OptionalLong of(Party side) {
        return side == Party.OBSERVER ? observer : peer;
    }
}
