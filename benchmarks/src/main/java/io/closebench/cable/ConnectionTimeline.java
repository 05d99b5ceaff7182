package io.closebench.cable;

/**
 * The instants of one connection's trial that predictions count from, all on the
 * {@code System.nanoTime()} scale (one monotonic clock for every process on the machine).
 *
 * @param t0                the fault: right before the call that caused it
 * @param lastPeerSegmentAt the last segment the server's kernel received from the client, from
 *                          {@code ss -i} shortly after the pull (millisecond resolution); t0 when it
 *                          could not be sampled or means nothing (a frozen peer keeps acknowledging)
 * @param peerSegmentSampled whether {@code lastPeerSegmentAt} is the kernel's figure
 * @param firstUnackedSendAt the server application's first send after its end of the cable lost
 *                          carrier (the first segment the peer never acknowledged); -1 when it sent
 *                          nothing then, or the link never went down
 * @param lastReadAt        the last byte the server application read before deciding, or the start
 * @param plugAt            right before the cable was plugged back; -1 when it was not
 * @param retries2          {@code net.ipv4.tcp_retries2} in the server's namespace
 * @param arp               the server kernel's resolution of the client's address after the pull
 */
public record ConnectionTimeline(long t0, long lastPeerSegmentAt, boolean peerSegmentSampled,
                                 long firstUnackedSendAt, long lastReadAt,
                                 long plugAt, int retries2, NeighbourResolution arp) {

    /** How long after the last segment from the peer the cable came back (for backoff phases). */
    public long plugAfterLastPeerSegment() {
        if (plugAt < 0) {
            throw new IllegalStateException("the cable was not plugged back in this trial");
        }
        return plugAt - lastPeerSegmentAt;
    }
}
