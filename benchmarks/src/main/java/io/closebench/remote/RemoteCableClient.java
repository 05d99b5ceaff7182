package io.closebench.remote;

import io.closebench.cable.CableClient;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.PeerReport;
import io.closebench.schema.T0Source;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The client host of one pulled-cable trial on a peer agent's host: its program opened the trial's
 * connections there; the fault is done there, t0 on that host's clock right before the call (the
 * nftables pull, the SIGSTOP, the word to stop reading), converted here with the offset estimated
 * right after it ({@link #faultInstant}); the cable is plugged back there too.
 */
final class RemoteCableClient implements CableClient {

    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);
    private static final Duration PLUG_BOUND = Duration.ofSeconds(20);

    private final ControlConnection control;
    private final String object;
    private long agentT0 = Long.MIN_VALUE;
    private long agentReturned = -1;
    private long ipReturned = -1;

    RemoteCableClient(ControlConnection control, String object) {
        this.control = control;
        this.object = object;
    }

    @Override
    public void awaitAllConnected(long deadline) throws IOException {
        control.call(Word.AWAIT, object, RemotePeer.budget(deadline));
    }

    @Override
    public long injectFault(long deadline) throws IOException {
        List<String> r = control.call(Word.INJECT, object, RemotePeer.budget(deadline));
        agentT0 = Long.parseLong(r.get(0));
        agentReturned = Long.parseLong(r.get(1));
        ClockOffset.Estimate now = control.latest();
        ipReturned = agentReturned < 0 ? -1 : now.toLocal(agentReturned);
        return now.toLocal(agentT0);
    }

    @Override
    public PeerReport faultInstant(long t0) {
        try {
            ClockOffset.Estimate est = control.estimate(RemotePeer.EXCHANGES);
            long local = est.toLocal(agentT0);
            if (agentReturned >= 0) {
                ipReturned = est.toLocal(agentReturned);
            }
            return new PeerReport(0, local, T0Source.PEER_HOST, "", -1, "", est.boundAt(local), est.roundTrip());
        } catch (IOException e) {
            // the first conversion stands; its bound is the latest estimate's
            ClockOffset.Estimate latest = control.latest();
            return new PeerReport(0, t0, T0Source.PEER_HOST, "", -1, "", latest.boundAt(t0), latest.roundTrip());
        }
    }

    @Override
    public void afterFault(long t0, long deadline) throws IOException {
        control.call(Word.AFTER, object, RemotePeer.budget(deadline), control.latest().toAgent(t0));
    }

    @Override
    public long plugBack() throws IOException {
        List<String> r = control.call(Word.PLUG, object, PLUG_BOUND);
        return control.latest().toLocal(Long.parseLong(r.get(0)));
    }

    @Override
    public long ipReturnedAt() {
        return ipReturned;
    }

    /** The server's link stays up across hosts: there is no carrier loss to see. */
    @Override
    public long carrierLostAt(long t0) {
        return -1;
    }

    @Override
    public PeerReport report(long deadline) {
        return PeerReport.sent(0, "", -1);
    }

    @Override
    public void close() {
        try {
            control.call(Word.CLOSE, object, CLOSE_BOUND);
        } catch (IOException ignored) {
            // the agent closes it with its session at the latest; the pull expires at its bound
        }
    }
}
