package io.closebench.cable;

import io.closebench.analysis.format.ThreeFigureDuration;

/**
 * A connect timeout: how long the application lets a connect run before it gives up and closes the
 * socket. {@code Socket.connect(address, millis)} on the blocking models, the selector's own timer
 * around a non-blocking connect on NIO, {@code ChannelOption.CONNECT_TIMEOUT_MILLIS} on Netty. An
 * application timer, not the kernel's: it ends the attempt whether or not the kernel would have
 * given up later. Only acts on a connect (faults g and g').
 *
 * @param millis the timeout
 */
public record ConnectTimeout(long millis) implements Mechanism {

    public ConnectTimeout {
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a connect timeout in milliseconds, got " + millis);
        }
    }

    @Override
    public String label() {
        return "connect timeout";
    }

    @Override
    public String settings() {
        return ThreeFigureDuration.of(millis * 1_000_000L) + ", application timer";
    }

    @Override
    public boolean appliesTo(CableFault fault) {
        return fault.reconnects();
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        return fault.reconnects() ? ConnectTheory.of(fault, t, millis * 1_000_000L, 0) : ConnectTheory.notApplicable(this);
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        return fault.reconnects() ? ConnectTheory.nominalNanos(fault, millis * 1_000_000L, 0, 6) : Theory.NEVER;
    }

    @Override
    public java.util.Optional<ConnectTimeout> connectTimeout() {
        return java.util.Optional.of(this);
    }

    @Override
    public String encode() {
        return "CONNECT_TIMEOUT:" + millis;
    }
}
