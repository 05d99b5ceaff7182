package io.closebench.cable;

import java.time.Duration;

/**
 * The ways a peer can vanish without a word, reproduced on two network namespaces joined by a
 * veth "cable" ({@link io.closebench.netns.HostPair}). The server observes; the client is the one
 * that goes. t0 is {@code System.nanoTime()} right before the call that causes the fault: the spawn
 * of {@code ip link set veth-cli down}, or the SIGSTOP.
 *
 * <p>For a pulled cable t0 precedes the link change by the {@code ip} command's start-up, a few
 * milliseconds; each trial measures that offset (the server host's first sight of
 * {@code carrier = 0}) and reports it, so it can be judged against the seconds being measured.
 */
public enum CableFault {

    /** The note's S1: cable pulled and client killed; the connection idle. */
    PULLED_IDLE("a", "cable pulled, client killed; idle", Workload.IDLE),

    /** As S1, while the server is sending: its data stays unacknowledged. */
    PULLED_SENDING("b", "cable pulled, client killed; server sending", Workload.STREAM),

    /**
     * The host rebooted: cable pulled, client killed, the client host's TCP state wiped
     * ({@code ss -K} in its namespace, as a reboot empties the stack), cable plugged back. The
     * server's next segment meets a host that knows nothing of the connection: RST.
     */
    HOST_REBOOTED("c", "host rebooted: cable pulled, client killed, TCP state gone, cable back", Workload.IDLE),

    /**
     * The client killed while the cable is out, then the cable back, but the client's kernel kept
     * running: it still holds the dead process's socket (FIN_WAIT1, its FIN unsent) and sends that
     * FIN once it can. The contrast to {@link #HOST_REBOOTED}: a killed process is not a dead host.
     */
    KILLED_REPLUGGED("c'", "client killed while cable out, cable back; its kernel lives on", Workload.IDLE),

    /** Cable pulled and plugged back with the client alive, while the server sends: does it recover? */
    REPLUGGED("d", "cable out, plugged back; client alive; server sending", Workload.STREAM),

    /** The client process frozen with SIGSTOP: its kernel keeps acknowledging everything. */
    PEER_FROZEN("e", "client frozen with SIGSTOP; its kernel keeps acknowledging", Workload.IDLE),

    /**
     * The peer alive but not reading: at t0 the client application stops reading (told so on its
     * stdin; the process runs on, its kernel stays up, the cable stays in) while the server keeps
     * streaming. The client's receive buffer fills ({@value #NOT_READING_RECEIVE_BUFFER} bytes of
     * {@code SO_RCVBUF}, set before connecting, so that it fills within seconds), its kernel
     * advertises a zero window, and the server's kernel probes the window (the persist timer):
     * every probe is answered.
     */
    PEER_NOT_READING("f", "client alive, stops reading; server sending into the closed window", Workload.STREAM),

    /**
     * Reconnecting to a dead host: cable pulled and client killed, then (once the server's kernel
     * has processed the carrier loss) the server opens a new connection to the client's address,
     * where the client had been listening. The server's end of the cable lost carrier, so its
     * kernel forgot the client's link-layer address: the SYN starts an ARP resolution that fails.
     */
    RECONNECT("g", "cable pulled, client killed; the server connects to it again", Workload.RECONNECT),

    /**
     * As {@link #RECONNECT}, with the client's link-layer address pinned in the server's neighbour
     * table (a permanent entry, set before the pull), as for a host behind a router whose address
     * stays known: the SYNs leave and are never answered, so the SYN retransmissions decide.
     */
    RECONNECT_KNOWN_ADDRESS("g'", "as g, the client's link-layer address known (static entry): SYNs unanswered",
            Workload.RECONNECT);

    /** The client's {@code SO_RCVBUF} in {@link #PEER_NOT_READING}: small, so the window closes soon. */
    public static final int NOT_READING_RECEIVE_BUFFER = 4096;

    private final String letter;
    private final String description;
    private final Workload workload;

    CableFault(String letter, String description, Workload workload) {
        this.letter = letter;
        this.description = description;
        this.workload = workload;
    }

    /** How the catalogue and the command line name it: S1a, S1b, ..., S1g'. */
    public String scenarioId() {
        return "S1" + letter;
    }

    /** The letter for this fault: a, b, c, c', d, e, f, g, g'. */
    public String letter() {
        return letter;
    }

    public String description() {
        return description;
    }

    /** "d: cable out 2 s, plugged back; ..." with the downtime this run used. */
    public String label(Duration downtime) {
        String text = plugsBack() ? description.replace("cable back", "cable back after " + seconds(downtime))
                .replace("plugged back", "plugged back after " + seconds(downtime)) : description;
        return letter + ": " + text;
    }

    public Workload workload() {
        return workload;
    }

    public boolean pullsCable() {
        return this != PEER_FROZEN && this != PEER_NOT_READING;
    }

    /** The client process is SIGKILLed right after the pull (the note's S1, the reboot, the reconnects). */
    public boolean killsClient() {
        return this == PULLED_IDLE || this == PULLED_SENDING || this == HOST_REBOOTED || this == KILLED_REPLUGGED
                || reconnects();
    }

    /** The client application stops reading at t0 and lives on. */
    public boolean stopsReading() {
        return this == PEER_NOT_READING;
    }

    /** After the fault the server opens new connections to the dead client ({@link Workload#RECONNECT}). */
    public boolean reconnects() {
        return workload == Workload.RECONNECT;
    }

    /** The server's kernel keeps the client's link-layer address through the pull (a permanent entry). */
    public boolean keepsNeighbour() {
        return this == RECONNECT_KNOWN_ADDRESS;
    }

    public boolean wipesClientTcpState() {
        return this == HOST_REBOOTED;
    }

    public boolean plugsBack() {
        return this == HOST_REBOOTED || this == KILLED_REPLUGGED || this == REPLUGGED;
    }

    public boolean freezesClient() {
        return this == PEER_FROZEN;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
