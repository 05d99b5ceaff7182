package io.closebench.cable;

import io.closebench.trace.TraceFilter;
import io.closebench.transport.SocketHome;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The two hosts of a pulled-cable trial, wherever they are: the server, whose observers run in the
 * harness's JVM with their sockets made where it lives ({@link #serverSockets()}), and the client
 * host, whose program opens the trial's connections and suffers the fault ({@link CableClient});
 * the cable between them; the server kernel's rules and its view of its sockets. Network
 * namespaces on this machine are one topology ({@link NamespaceHosts}); another machine is another.
 */
public interface PulledCableHosts extends AutoCloseable {

    /** Where the server host's sockets are made. */
    SocketHome serverSockets();

    /** What the server's kernel does: what the theories count with. */
    KernelRules rules();

    InetAddress serverAddress();

    InetAddress clientAddress();

    /**
     * Starts the client host's program: {@code connections.get(g)} connections to each of the
     * server's {@code ports}, in order, with the fault's options; it ends after {@code capSeconds}
     * whatever happens.
     *
     * @param peerCpus where it runs: a CPU list or "unpinned"
     * @param onCarrierLoss hears each loss of the server's carrier, as it is seen
     */
    CableClient startClient(CableFault fault, List<Integer> ports, List<Integer> connections, long capSeconds,
                            String peerCpus, LongConsumer onCarrierLoss) throws IOException, InterruptedException;

    /** The server kernel's view of its sockets now. */
    KernelSocketView serverView();

    /** The same, only the sockets whose local port is one of {@code localPorts}: a short poll. */
    KernelSocketView serverView(Collection<Integer> localPorts);

    /** ICMP messages the server's kernel dropped to its rate limits so far; -1 where it cannot count them. */
    long icmpRateLimited();

    /**
     * Starts capturing what the server host sends and receives on the cable (the trial's TCP ports
     * and ARP) and the reports its kernel gives itself, into {@code dir} as {@code NAME.pcap} and
     * {@code NAME-reports.pcap}, and its kernel's account of the sockets {@code traced} selects; a
     * capture that cannot start says why when stopped.
     */
    default CableCapture captureServer(Path dir, String name, Collection<Integer> ports, TraceFilter traced) {
        return CableCapture.unavailable("this topology (" + getClass().getSimpleName() + ") has no capture");
    }

    /**
     * Whether the server's end of the cable loses carrier when it is pulled, so that its kernel forgets
     * the client's link-layer address and resolves it again (the namespace topology: a veth); false
     * where the cable is pulled by a drop rule on the client's host and the server's link stays up, the
     * client's address known, as across a switch whose far port went dark.
     */
    default boolean serverLosesCarrier() {
        return true;
    }

    /** Removes what the topology made (namespaces, rules), also after a failure. */
    @Override
    void close();
}
