package io.closebench.wire;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandFailedException;
import io.closebench.netns.CommandResult;
import io.closebench.netns.IpNetns;
import io.closebench.netns.LinkState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of every packet a device in a namespace sends and receives, delivered to a capture device
 * of its own, taken before the device's queueing discipline: what makes a pulled cable's
 * retransmissions and probes visible.
 *
 * <p>Why not capture on the veth itself: when the peer end of a veth goes down, the kernel
 * deactivates the near end's queueing discipline (carrier lost, {@code dev_deactivate}) and every
 * segment the server's TCP sends after that is dropped before it reaches the packet tap (measured:
 * {@code tcpdump -i veth-srv} shows nothing after the pull, while {@code RetransSegs} and
 * {@code TCPKeepAlive} count on and the device's TX "dropped" grows). tc's egress hook runs before
 * that queue is chosen, so a {@code mirred} mirror there still sees them.
 *
 * <p>Built inside {@code namespace}: a veth pair {@value #DEVICE}/{@value #PEER_DEVICE} (both up,
 * ARP off; the copies arriving at {@value #PEER_DEVICE} are addressed to other hosts' link-layer
 * addresses and dropped before IP, so they reach no socket and no TCP counter), a {@code clsact}
 * qdisc on the watched device, and two {@code u32} match-all filters, egress and ingress, each
 * with {@code action mirred egress mirror dev cbwire0}. A capture on {@link #DEVICE} then sees each
 * of the watched device's packets once, stamped when tc copied it. The cost on the watched path is
 * one clone and one veth transmit per packet. {@link #close()} removes all of it; removing the
 * namespace does as well.
 */
public final class MirrorTap implements AutoCloseable {

    /** The device to capture on, inside the namespace. */
    public static final String DEVICE = "cbwire0";
    static final String PEER_DEVICE = "cbwire1";

    private static final long USABLE_WITHIN_NANOS = 5_000_000_000L;

    private final String namespace;
    private final String watched;
    private boolean closed;

    private MirrorTap(String namespace, String watched) {
        this.namespace = namespace;
        this.watched = watched;
    }

    /**
     * Mirrors {@code device} of {@code namespace} to {@link #DEVICE}; returns once the copies can
     * be captured.
     *
     * @throws CaptureFailedException with tc's or ip's words when the kernel lacks something (a tc
     *                                classifier or action, veth), after removing what was made
     */
    public static MirrorTap create(String namespace, String device) {
        MirrorTap tap = new MirrorTap(namespace, device);
        try {
            tap.build();
            return tap;
        } catch (RuntimeException e) {
            try {
                tap.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof CaptureFailedException ? e : new CaptureFailedException(
                    "cannot mirror " + device + " in " + namespace + ": " + e.getMessage());
        }
    }

    private void build() {
        run("ip", "-n", namespace, "link", "add", DEVICE, "type", "veth", "peer", "name", PEER_DEVICE);
        for (String dev : List.of(PEER_DEVICE, DEVICE)) {
            run("ip", "-n", namespace, "link", "set", "dev", dev, "arp", "off", "up");
        }
        awaitUp();
        run("tc", "-n", namespace, "qdisc", "add", "dev", watched, "clsact");
        for (String direction : List.of("egress", "ingress")) {
            run("tc", "-n", namespace, "filter", "add", "dev", watched, direction, "protocol", "all", "u32", "match",
                    "u32", "0", "0", "action", "mirred", "egress", "mirror", "dev", DEVICE);
        }
    }

    /** The namespace the tap lives in. */
    public String namespace() {
        return namespace;
    }

    /** The device whose packets are copied. */
    public String watchedDevice() {
        return watched;
    }

    /** A capture of the copies, default bounds. */
    public CaptureSpec spec(Path file, BpfFilter filter) {
        return CaptureSpec.inNamespace(namespace, DEVICE, file, filter);
    }

    /** Removes the filters, the qdisc and the tap pair; idempotent; nothing to do once the namespace is gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!IpNetns.exists(namespace)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        CommandResult qdisc = BoundedCommand.run("tc", "-n", namespace, "qdisc", "del", "dev", watched, "clsact");
        if (!qdisc.succeeded() && !qdisc.stderr().contains("Cannot find") && !qdisc.stderr().contains("Invalid handle")
                && !qdisc.stderr().contains("No such")) {
            failures.add(qdisc.stderr().strip());
        }
        CommandResult link = BoundedCommand.run("ip", "-n", namespace, "link", "del", DEVICE);
        if (!link.succeeded() && !link.stderr().contains("Cannot find")) {
            failures.add(link.stderr().strip());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("removing the mirror tap in " + namespace + ": " + failures);
        }
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + USABLE_WITHIN_NANOS;
        LinkState state;
        do {
            state = LinkState.parse(run("ip", "-n", namespace, "-o", "link", "show", "dev", DEVICE).stdout().strip());
            if (state.fullyUp()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureFailedException("interrupted while waiting for " + DEVICE + " to come up");
            }
        } while (System.nanoTime() < deadline);
        throw new CaptureFailedException(DEVICE + " in " + namespace + " not up within 5 s: " + state);
    }

    private static CommandResult run(String... command) {
        try {
            CommandResult r = BoundedCommand.run(command);
            if (!r.succeeded()) {
                throw new CaptureFailedException(String.join(" ", command) + ": " + r.stderr().strip());
            }
            return r;
        } catch (CommandFailedException e) {
            throw new CaptureFailedException(e.getMessage());
        }
    }
}
