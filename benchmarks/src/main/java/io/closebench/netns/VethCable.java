package io.closebench.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The "network cable" between the two test hosts: a veth pair with one end in each namespace,
 * which can be pulled and plugged back, and which is guaranteed usable whenever
 * {@link #lay()} or {@link #plug()} returns.
 *
 * <p>The pair is created from inside the server namespace with its peer placed directly in the
 * client namespace ({@code ip -n srv link add veth-srv type veth peer name veth-cli netns cli}),
 * so no interface ever appears in the root namespace, not even for a moment, and the fixed
 * device names cannot collide with anything outside.
 *
 * <p>Pulling the cable is {@code ip link set veth-cli down} in the client namespace. On the
 * client this is an administrative down: IPv4 addresses stay, but the connected route and the
 * neighbour entries are flushed at once, and nothing is received. On the server end IFF_UP stays
 * set, carrier is lost, the connected route is kept but marked {@code linkdown}, and whatever
 * the server transmits is dropped by the veth driver without an error to the sender: to the
 * server it looks exactly like a peer that went silent.
 *
 * <p>"Usable" means both ends are admin up, have carrier, are operationally UP (the kernel's
 * linkwatch worker, which also activates the transmit queue, has run), and both namespaces hold
 * the connected route for the /30 without the {@code linkdown} mark. IPv4 has no duplicate
 * address detection, so at that point the first SYN goes out and is answered.
 */
final class VethCable {

    static final String SERVER_DEVICE = "veth-srv";
    static final String CLIENT_DEVICE = "veth-cli";

    /** How long {@link #lay()} and {@link #plug()} wait for the link to become usable. */
    static final Duration USABLE_WITHIN = Duration.ofSeconds(5);

    private static final long POLL_MILLIS = 10;

    private final String serverNamespace;
    private final String clientNamespace;
    private final Rfc2544Subnet subnet;

    VethCable(String serverNamespace, String clientNamespace, Rfc2544Subnet subnet) {
        this.serverNamespace = serverNamespace;
        this.clientNamespace = clientNamespace;
        this.subnet = subnet;
    }

    /** Creates the veth pair, addresses both ends, brings them up and waits until usable. */
    void lay() {
        ip(serverNamespace, "link", "add", SERVER_DEVICE, "type", "veth", "peer", "name",
                CLIENT_DEVICE, "netns", clientNamespace);
        ip(serverNamespace, "addr", "add", subnet.serverCidr(), "dev", SERVER_DEVICE);
        ip(clientNamespace, "addr", "add", subnet.clientCidr(), "dev", CLIENT_DEVICE);
        ip(serverNamespace, "link", "set", SERVER_DEVICE, "up");
        ip(clientNamespace, "link", "set", CLIENT_DEVICE, "up");
        awaitUsable();
    }

    /**
     * Takes the client's end down. When this returns the client has no route to the server any
     * more (a new connect fails with ENETUNREACH) and established connections can neither send
     * nor receive; the server end's loss of carrier may be reported a moment later.
     */
    void pull() {
        ip(clientNamespace, "link", "set", CLIENT_DEVICE, "down");
    }

    /** Brings the client's end up again and returns only once the cable is usable. */
    void plug() {
        ip(clientNamespace, "link", "set", CLIENT_DEVICE, "up");
        awaitUsable();
    }

    /**
     * Makes the client's link-layer address a permanent entry of the server's neighbour table, as
     * for a peer behind a router whose address stays known: a permanent entry survives the
     * server end's loss of carrier, which flushes the others, so segments to the client still
     * leave (and vanish) instead of waiting for an ARP resolution that fails. Returns the address.
     */
    String pinClientAddressAtServer() {
        String mac = ip(clientNamespace, "-br", "link", "show", "dev", CLIENT_DEVICE).stdout().trim().split("\\s+")[2];
        ip(serverNamespace, "neigh", "replace", subnet.clientAddress().getHostAddress(), "lladdr", mac, "dev",
                SERVER_DEVICE, "nud", "permanent");
        return mac;
    }

    LinkState serverEnd() {
        return link(serverNamespace, SERVER_DEVICE);
    }

    LinkState clientEnd() {
        return link(clientNamespace, CLIENT_DEVICE);
    }

    /** Polls every {@value #POLL_MILLIS} ms, at most {@link #USABLE_WITHIN}. */
    private void awaitUsable() {
        long deadline = System.nanoTime() + USABLE_WITHIN.toNanos();
        String lastProblem;
        do {
            lastProblem = usabilityProblem();
            if (lastProblem == null) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the cable: "
                        + lastProblem, e);
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("cable between " + serverNamespace + " and "
                + clientNamespace + " not usable after " + USABLE_WITHIN + ": " + lastProblem);
    }

    /** Null when usable, otherwise the first thing found missing. */
    private String usabilityProblem() {
        LinkState server = serverEnd();
        if (!server.fullyUp()) {
            return "server end " + server;
        }
        LinkState client = clientEnd();
        if (!client.fullyUp()) {
            return "client end " + client;
        }
        if (!hasLiveConnectedRoute(serverNamespace, SERVER_DEVICE)) {
            return "no live connected route in " + serverNamespace;
        }
        if (!hasLiveConnectedRoute(clientNamespace, CLIENT_DEVICE)) {
            return "no live connected route in " + clientNamespace;
        }
        return null;
    }

    private boolean hasLiveConnectedRoute(String namespace, String device) {
        String routes = ip(namespace, "-o", "route", "show", "dev", device).stdout();
        for (String line : routes.split("\n")) {
            if (line.startsWith(subnet.networkCidr() + " ") && !line.contains("linkdown")) {
                return true;
            }
        }
        return false;
    }

    private static LinkState link(String namespace, String device) {
        return LinkState.parse(ip(namespace, "-o", "link", "show", "dev", device).stdout()
                .strip());
    }

    private static CommandResult ip(String namespace, String... args) {
        IpNetns.requireProjectName(namespace);
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        return BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, command);
    }
}
