package io.closebench.scenario;

import io.closebench.fault.PeerChannel;
import io.closebench.fault.PeerData;
import io.closebench.fault.PeerPreparation;

/**
 * The state of the connection at the fault instant.
 *
 * @param observerSends bytes the observer sends to the peer first
 * @param peerReadsIt   whether the peer reads them; if not they sit unread in its receive buffer,
 *                      which decides FIN or RST when it closes or dies
 * @param peerData      what the peer sends and what becomes of it
 * @param peerBytes     how much it sends (for a kill: how much it has sent when it is killed;
 *                      for {@link PeerData#FILL_UNREAD}: its send buffer's size, 0 for the kernel's)
 * @param peerWriteSize size of the peer's writes ("many packets" is many writes, not one)
 * @param peerChannel   how the in-process peer holds its channel at the fault (blocking for every
 *                      case of the note; registered with a selector, as an NIO server's is)
 */
public record Preparation(int observerSends, boolean peerReadsIt, PeerData peerData, long peerBytes, int peerWriteSize,
                          PeerChannel peerChannel) {

    /** A blocking, never registered peer. */
    public Preparation(int observerSends, boolean peerReadsIt, PeerData peerData, long peerBytes, int peerWriteSize) {
        this(observerSends, peerReadsIt, peerData, peerBytes, peerWriteSize, PeerChannel.BLOCKING);
    }

    /** The peer's part of it. */
    public PeerPreparation peerPart() {
        return new PeerPreparation(peerReadsIt ? observerSends : 0, peerData, peerBytes, peerWriteSize,
                peerChannel);
    }

    /** A short description for tables: "obs sent 4 KiB (peer read it); peer streams 256 KiB". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (observerSends > 0) {
            s.append("observer sent ").append(kib(observerSends)).append(peerReadsIt ? " (read)" : " (unread)").append("; ");
        }
        s.append(switch (peerData) {
            case NONE -> "peer sends nothing";
            case STREAM_DURING_PROBE -> "peer sends " + kib(peerBytes) + " while observer reads";
            case SENT_THEN_DRAINED -> "peer sent " + kib(peerBytes) + ", observer read it";
            case SENT_UNREAD -> "peer sent " + kib(peerBytes) + ", unread by observer";
            case FILL_UNREAD -> peerBytes > 0 ? "peer (send buffer " + kib(peerBytes) + ") filled the buffers"
                    : "peer filled the buffers";
            case OBSERVER_FILLS -> "peer stopped reading; observer's write fills the buffers";
        });
        if (peerChannel != PeerChannel.BLOCKING) {
            s.append("; peer's channel ").append(peerChannel.label());
        }
        return s.toString();
    }

    private static String kib(long bytes) {
        return bytes % 1024 == 0 ? (bytes / 1024) + " KiB" : bytes + " B";
    }
}
