package io.closebench.remote;

import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import io.closebench.fault.PeerReport;
import io.closebench.schema.T0Source;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The N clients of a mass death on a peer agent's host: the agent holds them ({@code MassPeer}, as on
 * this host) and kills them at INJECT, reading its clock right before; {@link #report} converts that
 * t0 to this host's clock with a fresh estimate of the offset, and its bound. The server's CPU holds
 * none of the peer's work here: it runs on the other host.
 */
final class RemoteMassPeer implements MassPeer {

    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);

    private final ControlConnection control;
    private final String object;
    private final MassFault fault;
    private long agentT0 = Long.MIN_VALUE;

    RemoteMassPeer(ControlConnection control, String object, MassFault fault) {
        if (!fault.onLoopback()) {
            throw new IllegalArgumentException(fault + " runs on the pulled cable's hosts, not as a mass peer");
        }
        this.control = control;
        this.object = object;
        this.fault = fault;
    }

    @Override
    public void connect(InetSocketAddress server, int connections, long deadline) throws IOException {
        control.call(Word.OPEN, object, RemotePeer.budget(deadline), "MASS", fault.name(), server.getPort(), connections);
    }

    @Override
    public long injectFault(long deadline) throws IOException {
        agentT0 = Long.parseLong(control.call(Word.INJECT, object, RemotePeer.budget(deadline)).get(0));
        return control.latest().toLocal(agentT0);
    }

    @Override
    public long cpuNanosInThisProcess() {
        return 0;
    }

    @Override
    public PeerReport report(long deadline) {
        try {
            ClockOffset.Estimate est = control.estimate(RemotePeer.EXCHANGES);
            if (agentT0 == Long.MIN_VALUE) {
                return new PeerReport(0, Long.MIN_VALUE, T0Source.PEER_HOST, "", -1, "", 0, est.roundTrip());
            }
            long t0 = est.toLocal(agentT0);
            return new PeerReport(0, t0, T0Source.PEER_HOST, "", -1, "", est.boundAt(t0), est.roundTrip());
        } catch (IOException e) {
            return new PeerReport(0, Long.MIN_VALUE, T0Source.PEER_HOST, "", -1, "the peer agent's clock: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            control.call(Word.CLOSE, object, CLOSE_BOUND);
        } catch (IOException ignored) {
            // the agent closes it with its session at the latest
        }
    }
}
