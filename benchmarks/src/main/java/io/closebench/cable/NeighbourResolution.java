package io.closebench.cable;

/**
 * When a segment the server sent while the cable was out really reaches the client once the cable
 * is back. Not at its next retransmission, as TCP alone would say: the server's kernel forgot the
 * client's link-layer address when its end lost carrier ({@code arp_evict_nocarrier}), so the first
 * segment after that started an ARP resolution, and every segment since, first transmissions and
 * retransmissions alike, waits in that neighbour entry's queue. The kernel repeats the ARP request
 * every {@code net.ipv4.neigh.DEV.retrans_time_ms} (1 s) up to {@code mcast_solicit} (3) times;
 * the first request after the plug is answered, and the whole queue leaves at that instant. If the
 * resolution failed before the plug (the cable out longer than 3 s), the queue was dropped with a
 * host-unreachable error and the next segment starts afresh, answered at once.
 *
 * <p>The entry is one per peer address, so it is shared by every connection of a trial: the
 * resolution starts with the trial's first segment after the carrier loss, whoever sent it.
 *
 * @param startAt      the trial's first segment after its end of the cable lost carrier; -1 if none
 * @param retransNanos {@code retrans_time_ms} of the server's end, in nanoseconds
 * @param solicits     {@code mcast_solicit}: requests before the entry fails
 */
public record NeighbourResolution(long startAt, long retransNanos, int solicits) {

    /** No departure can be told from this resolution alone. */
    public static final long UNKNOWN = -1;

    public long failsAt() {
        return startAt + solicits * retransNanos;
    }

    /**
     * When the resolution completes: the first ARP request sent once the cable is back is answered
     * at once; {@link #UNKNOWN} when every request went out before the plug (it failed).
     */
    public long completesAt(long plugAt) {
        if (startAt < 0) {
            return UNKNOWN;
        }
        for (int k = 0; k < solicits; k++) {
            long request = startAt + k * retransNanos;
            if (request - plugAt >= 0) {
                return request;
            }
        }
        return UNKNOWN;
    }

    /**
     * When a segment sent at {@code sentAt} leaves for a peer reachable again from {@code plugAt}:
     * queued segments leave when the resolution completes, later ones at once; after a failed
     * resolution a segment sent with the cable back starts a new one, answered at once;
     * {@link #UNKNOWN} when it was sent while nothing could resolve.
     */
    public long departure(long sentAt, long plugAt) {
        long completes = completesAt(plugAt);
        if (completes == UNKNOWN) {
            boolean fresh = startAt < 0 || sentAt - failsAt() >= 0;
            return fresh && sentAt - plugAt >= 0 ? sentAt : UNKNOWN;
        }
        return sentAt - completes <= 0 ? completes : sentAt;
    }
}
