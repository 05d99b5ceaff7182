package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;

/**
 * A read deadline: {@code SO_TIMEOUT} on the blocking socket, the selector's timeout on NIO, a
 * timer on Netty. It is a local timer, not a detection: it fires when nothing was read for
 * {@code millis}, whether the peer is dead, frozen or merely quiet, and the connection stays
 * ESTABLISHED afterwards (the trial shows that a write after it still succeeds, and that the
 * kernel still lists the connection). Its outcome is therefore {@code TIMEOUT}, never a detection.
 *
 * @param millis how long a read waits
 */
public record ReadDeadline(long millis) implements Mechanism {

    public ReadDeadline {
        if (millis < 1) {
            throw new IllegalArgumentException("a read deadline of at least 1 ms, got " + millis);
        }
    }

    @Override
    public String label() {
        return "read deadline";
    }

    @Override
    public String settings() {
        return ThreeFigureDuration.of(millis * 1_000_000L) + ", local timer";
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        return new Theory(Reference.LAST_READ, millis * 1_000_000L,
                "fires " + ThreeFigureDuration.of(millis * 1_000_000L) + " after the last byte read, whatever the peer's state");
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        return millis * 1_000_000L;
    }

    @Override
    public java.util.Optional<ReadDeadline> readDeadline() {
        return java.util.Optional.of(this);
    }

    @Override
    public String encode() {
        return "READ_DEADLINE:" + millis;
    }
}
