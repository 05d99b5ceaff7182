package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildProcess;
import io.closebench.fault.Peer;
import io.closebench.fault.PeerReport;
import io.closebench.netns.BoundedCommand;
import java.io.IOException;

/**
 * The misbehaving end of a pulled-cable trial: the client host's program ({@link CablePeerMain}) in
 * the client's namespace, which opened the trial's connections and answers every ping, and the
 * cable it hangs on. The fault acts on them: the cable pulled (then the client killed, and for a
 * reboot its TCP state wiped), the process frozen with SIGSTOP, or the application told to stop
 * reading; and for some faults the cable plugged back after the downtime ({@link #plugBack()}).
 * t0 is the clock right before the call that causes the fault: the spawn of {@code ip link set
 * down}, the SIGSTOP, the word to stop reading.
 */
final class ClientHost implements CableClient {

    private final NamespaceHosts hosts;
    private final ChildProcess client;
    private final CableFault fault;
    private final CarrierWatch carrier;
    private long ipReturned = -1;

    ClientHost(NamespaceHosts hosts, ChildProcess client, CableFault fault, CarrierWatch carrier) {
        this.hosts = hosts;
        this.client = client;
        this.fault = fault;
        this.carrier = carrier;
    }

    /** Waits until the client has opened all its connections. */
    @Override
    public void awaitAllConnected(long deadline) throws IOException, InterruptedException {
        NamespaceHosts.awaitAllConnected(client, deadline);
    }

    @Override
    public long injectFault(long deadline) throws IOException {
        long t0;
        if (fault.freezesClient()) {
            t0 = System.nanoTime();
            BoundedCommand.runChecked("kill", "-s", "STOP", String.valueOf(client.pid()));
        } else if (fault.stopsReading()) {
            t0 = System.nanoTime();
            client.send(ChildMessage.of(Word.FAULT, t0, t0));
        } else {
            t0 = System.nanoTime();
            hosts.pair().pullCable();
            ipReturned = System.nanoTime();
        }
        return t0;
    }

    /** The client killed with the pull, and for a reboot every socket of its host gone, no RST sent. */
    @Override
    public void afterFault(long t0, long deadline) throws IOException, InterruptedException {
        if (fault.killsClient()) {
            client.kill();
        }
        if (fault.wipesClientTcpState()) {
            // what a reboot does to the client's TCP stack: every socket gone, no RST sent (the cable is out)
            BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                    hosts.pair().commandIn(hosts.pair().clientNamespace(), "ss", "-K", "-t", "-a", "-n"));
        }
    }

    /** Plugs the cable back in; returns the clock right before. */
    @Override
    public long plugBack() {
        long at = System.nanoTime();
        hosts.pair().plugCable();
        return at;
    }

    /** When {@code ip link set down} returned; -1 without a pull. */
    @Override
    public long ipReturnedAt() {
        return ipReturned;
    }

    /** The first carrier loss the server's end showed at or after {@code t0}, or -1. */
    @Override
    public long carrierLostAt(long t0) {
        return carrier.lostAt(t0);
    }

    @Override
    public PeerReport report(long deadline) {
        return PeerReport.sent(0, "", -1);
    }

    @Override
    public void close() {
        carrier.close();
        if (fault.freezesClient() && client.isAlive()) {
            try {
                client.kill(); // a stopped process cannot read the EOF that would end it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
    }
}
