package io.closebench.cable;

import io.closebench.fault.Peer;
import io.closebench.fault.PeerReport;
import io.closebench.schema.T0Source;
import java.io.IOException;

/**
 * The misbehaving end of a pulled-cable trial: the client host's program, which opened the trial's
 * connections and answers every ping, and the cable it hangs on. The fault acts on them: the cable
 * pulled (then the client killed, and for a reboot its TCP state wiped), the process frozen, or the
 * application told to stop reading; for some faults the cable plugged back after the downtime.
 */
public interface CableClient extends Peer {

    /** The client's service port, where the reconnect faults connect to. */
    int SERVICE_PORT = 7070;

    /** Waits until the client has opened all its connections. */
    void awaitAllConnected(long deadline) throws IOException, InterruptedException;

    /** Plugs the cable back in; returns the clock right before. */
    long plugBack() throws IOException;

    /** When the call that pulled the cable returned; -1 without a pull. */
    long ipReturnedAt();

    /** The first carrier loss the server's end showed at or after {@code t0}, or -1 where it cannot be seen. */
    long carrierLostAt(long t0);

    /**
     * t0 refined once the fault is in: on this host the t0 {@link #injectFault} returned, as it is;
     * on another host's clock, converted with the offset estimated right after the fault, and its bound
     * ({@link io.closebench.fault.PeerReport#t0BoundNanos()}).
     */
    default PeerReport faultInstant(long t0) {
        return new PeerReport(0, t0, T0Source.HARNESS, "", -1, "");
    }
}
