package io.closebench.wire;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the first RST stood against its sender's data: whether it left while data its application
 * had written was still queued, never to cross (the note's C3: "the RST arrives before the normal
 * data").
 *
 * <p>From the wire alone: {@code sentBefore} is the data its sender had put on the wire before the
 * RST (the highest data sequence number it had sent, relative to its SYN), {@code ackedBefore} what
 * the other side had acknowledged of it. With the bytes its application wrote, {@link #unsent()} is
 * the data still queued at the RST: written, never on the wire. That is the data an RST destroys;
 * data already sent precedes the RST on the wire and on a lossless path (loopback, a plugged veth)
 * reaches the other side first.
 *
 * @param sender      which side sent the RST
 * @param sentBefore  data bytes its sender had sent before the RST
 * @param ackedBefore data bytes of those the other side had acknowledged before the RST
 * @param written     bytes its sender's application wrote, if the caller said
 */
public record RstAgainstData(Party sender, long sentBefore, long ackedBefore, OptionalLong written) {

    /** Written minus sent before the RST; empty when the bytes written are unknown. */
    public OptionalLong unsent() {
        return written.isPresent() ? OptionalLong.of(written.getAsLong() - sentBefore) : OptionalLong.empty();
    }

    /** True when the RST left with written data still queued; empty when the bytes written are unknown. */
    public Optional<Boolean> leftBeforeQueuedData() {
        OptionalLong unsent = unsent();
        return unsent.isPresent() ? Optional.of(unsent.getAsLong() > 0) : Optional.empty();
    }

    /** Sent, not yet acknowledged, when the RST left. */
    public long unacknowledged() {
        return sentBefore - ackedBefore;
    }
}
