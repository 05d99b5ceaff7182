package io.closebench.trace;

import io.closebench.wire.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether this machine can record a {@link KernelTrace}, decided by recording one: either
 * {@link #available()}, or not with a one-line reason to print and record (not root, tracefs not
 * mounted and not mountable, a tracepoint this kernel lacks, a tracepoint without the field this
 * project reads, an option this tracefs lacks). A doctor check for the run and a skip reason for
 * tests.
 */
public final class KernelTraceAvailability {

    private static final InetAddress LOOPBACK = loopback();

    private final boolean available;
    private final String reason;

    private KernelTraceAvailability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /**
     * Starts and stops a real trace of every {@link TracedEvent}, filtered to a port nothing uses
     * (127.0.0.1:9), with the smallest buffer. A few milliseconds.
     */
    public static KernelTraceAvailability probe() {
        Endpoint nothing = new Endpoint(LOOPBACK, 9);
        try (KernelTrace trace = KernelTrace.start(TraceFilter.localEnds(nothing), TracedEvent.socketEvents(),
                KernelTrace.MIN_BUFFER_KB_PER_CPU)) {
            KernelTraceRecord record = trace.stop();
            if (!record.complete()) {
                return new KernelTraceAvailability(false, "a test trace was incomplete: " + record);
            }
            return new KernelTraceAvailability(true, "available");
        } catch (KernelTraceException e) {
            return new KernelTraceAvailability(false, e.getMessage());
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an address", e);
        }
    }

    /** True when a trace started, stopped and was read. */
    public boolean available() {
        return available;
    }

    /** Why not; {@code "available"} when it is. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return available ? "kernel tracing available" : "kernel tracing unavailable: " + reason;
    }
}
