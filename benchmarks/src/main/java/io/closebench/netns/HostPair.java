package io.closebench.netns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Two test hosts, a server and a client, each its own network namespace, joined by one veth
 * "cable" with RFC 2544 addresses, and guaranteed to disappear again: on {@link #close()}, on
 * failure half-way through {@link #create()}, and at JVM shutdown if nobody closed it.
 *
 * <p>Namespaces are {@code cb-<pid>-<n>-srv} and {@code cb-<pid>-<n>-cli}
 * ({@link NamespaceNames}); the server end of the cable is {@code veth-srv} holding
 * {@link #serverAddress()}, the client end {@code veth-cli} holding
 * {@link #clientAddress()}, both in one /30 of 198.18.0.0/15 ({@link Rfc2544Subnet}). Loopback is
 * up in both namespaces. Nothing is created, changed or routed in the namespace this JVM runs
 * in; to the two hosts it does not exist.
 *
 * <p>The JVM itself stays outside. Code that must run "on" a host is started as a child process
 * with {@link #processIn(String, String...)}; a typical pulled-cable run starts a server in
 * {@link #serverNamespace()} and a client in {@link #clientNamespace()}, calls
 * {@link #pullCable()}, and watches which side notices what, and when.
 *
 * <p>Lifecycle: close() removes both namespaces; any process still running inside them is
 * terminated first (SIGTERM, then SIGKILL; otherwise the namespace would outlive its name). It
 * is idempotent and treats an already-removed namespace as done, but throws if a namespace is
 * still there and cannot be removed. Until closed, the pair is registered with a shutdown hook
 * ({@link OpenPairsClosedAtShutdown}); a SIGKILLed JVM leaves its pairs to
 * {@link LeftoverSweep#sweep()}. Methods are thread-safe; after close() they throw
 * {@link IllegalStateException}.
 */
public final class HostPair implements AutoCloseable {

    private final int number;
    private final String serverNamespace;
    private final String clientNamespace;
    private final Rfc2544Subnet subnet;
    private final VethCable cable;
    private boolean closed;

    private HostPair(int number) {
        this.number = number;
        this.serverNamespace = NamespaceNames.ownedByThisJvm(number + "-srv");
        this.clientNamespace = NamespaceNames.ownedByThisJvm(number + "-cli");
        this.subnet = Rfc2544Subnet.forPair(number);
        this.cable = new VethCable(serverNamespace, clientNamespace, subnet);
    }

    /**
     * Builds both namespaces and the cable and returns once a connection from the client to the
     * server address can be made. If anything fails, whatever was built is removed before the
     * exception propagates.
     *
     * <p>A namespace already carrying the chosen name can only be a leftover of an earlier,
     * dead process that had this JVM's pid (the per-JVM counter never repeats), so it is removed
     * first.
     *
     * @throws CommandFailedException with the kernel's message when a step fails
     */
    public static HostPair create() {
        HostPair pair = new HostPair(NamespaceNames.nextPairNumber());
        OpenPairsClosedAtShutdown.register(pair);
        try {
            pair.build();
            return pair;
        } catch (RuntimeException e) {
            try {
                pair.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private synchronized void build() {
        requireOpen();
        for (String namespace : List.of(serverNamespace, clientNamespace)) {
            NamespaceRemoval.removeIfPresent(namespace);
            IpNetns.add(namespace);
            BoundedCommand.runChecked("ip", "-n", namespace, "link", "set", "lo", "up");
        }
        cable.lay();
    }

    /** The server host's namespace, {@code cb-<pid>-<n>-srv}. */
    public String serverNamespace() {
        return serverNamespace;
    }

    /** The client host's namespace, {@code cb-<pid>-<n>-cli}. */
    public String clientNamespace() {
        return clientNamespace;
    }

    /** The server's address on the cable, reachable from the client namespace only. */
    public InetAddress serverAddress() {
        return subnet.serverAddress();
    }

    /** The client's address on the cable. */
    public InetAddress clientAddress() {
        return subnet.clientAddress();
    }

    /** The client's veth end, inside {@link #clientNamespace()}: the one the cable is pulled at. */
    public String clientDevice() {
        return VethCable.CLIENT_DEVICE;
    }

    /** The server's veth end, inside {@link #serverNamespace()}. */
    public String serverDevice() {
        return VethCable.SERVER_DEVICE;
    }

    /**
     * Pulls the cable at the client: {@code ip -n <cli> link set <dev> down}. On return the client
     * can neither send nor receive on it; the server end sees carrier loss (possibly a moment
     * later) but gets no error for what it transmits. See {@link VethCable}.
     */
    public synchronized void pullCable() {
        requireOpen();
        cable.pull();
    }

    /**
     * Plugs it back in and returns only once the link is usable again: both ends up with carrier
     * and operationally UP, connected routes live in both namespaces. Connections that survived
     * the outage resume at their next retransmission.
     */
    public synchronized void plugCable() {
        requireOpen();
        cable.plug();
    }

    /**
     * Pins the client's link-layer address in the server's neighbour table (permanent), so that
     * the server keeps sending to a client behind a pulled cable rather than fail to resolve it:
     * a dead host behind a router. Returns the address pinned.
     */
    public synchronized String pinClientAddressAtServer() {
        requireOpen();
        return cable.pinClientAddressAtServer();
    }

    /** The client's veth end as the kernel reports it right now. */
    public synchronized LinkState clientLinkState() {
        requireOpen();
        return cable.clientEnd();
    }

    /** The server's veth end as the kernel reports it right now (carrier follows the client). */
    public synchronized LinkState serverLinkState() {
        requireOpen();
        return cable.serverEnd();
    }

    /**
     * Sets a {@code net.*} sysctl inside one of this pair's namespaces, e.g.
     * {@code setSysctl(serverNamespace(), "net.ipv4.tcp_retries2", "5")}, then verifies it reads
     * back there and that the namespace this JVM runs in still has its old value.
     *
     * @throws IllegalArgumentException for a namespace not of this pair or a non-{@code net.} key
     * @throws CommandFailedException   when the kernel refuses (e.g. a global-only key)
     * @throws IllegalStateException    when verification fails; see {@link IsolatedSysctl}
     */
    public synchronized void setSysctl(String namespace, String key, String value) {
        requireOpen();
        IsolatedSysctl.write(requireOwn(namespace), key, value);
    }

    /** A {@code net.*} sysctl as seen inside one of this pair's namespaces. */
    public synchronized String readSysctl(String namespace, String key) {
        requireOpen();
        return IsolatedSysctl.read(requireOwn(namespace), key);
    }

    /**
     * The argv {@code ip netns exec <namespace> <command...>}: the command runs with that
     * namespace's network stack (and a private /sys remount), everything else as this JVM's
     * child. The process is the command itself ({@code ip} execs it), so its pid and exit
     * status are the command's.
     */
    public synchronized List<String> commandIn(String namespace, String... command) {
        requireOpen();
        requireOwn(namespace);
        if (command.length == 0) {
            throw new IllegalArgumentException("no command to run in " + namespace);
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        return argv;
    }

    /**
     * A ProcessBuilder for {@link #commandIn(String, String...)}, to configure (redirects,
     * environment) and start. Starting it, bounding its run time and stopping it are the
     * caller's job; anything still running inside at {@link #close()} is terminated.
     */
    public ProcessBuilder processIn(String namespace, String... command) {
        return new ProcessBuilder(commandIn(namespace, command));
    }

    /**
     * Removes both namespaces, and with them the cable. Idempotent; safe to race with the
     * shutdown hook; a namespace already gone counts as removed.
     *
     * @throws CommandFailedException if a namespace still exists and {@code ip netns delete}
     *                                failed; a later close() tries again
     * @throws IllegalStateException  if a process inside survived SIGKILL (state D); the
     *                                namespace is then left in place for a later close()
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        NamespaceRemoval.removeAll(List.of(clientNamespace, serverNamespace));
        closed = true;
        OpenPairsClosedAtShutdown.unregister(this);
    }

    /** True once {@link #close()} has removed both namespaces. */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "HostPair#" + number + "[" + serverNamespace + " " + subnet.serverCidr() + " <-> "
                + clientNamespace + " " + subnet.clientCidr() + "]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private String requireOwn(String namespace) {
        if (!namespace.equals(serverNamespace) && !namespace.equals(clientNamespace)) {
            throw new IllegalArgumentException("'" + namespace + "' is not a namespace of " + this);
        }
        return namespace;
    }

    /**
     * Closes every pair still open in this JVM, now: for a run that must exit at once (a second
     * SIGINT), which will not run the shutdown hook that would otherwise do it.
     */
    public static void closeAllOpen() {
        OpenPairsClosedAtShutdown.closeAll();
    }
}
