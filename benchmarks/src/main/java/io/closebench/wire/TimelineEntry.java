package io.closebench.wire;

/**
 * One segment of a connection, placed: who sent it, when relative to the fault, what it was.
 *
 * @param segment  the segment as decoded
 * @param sender   which side sent it
 * @param at       its capture time after t0
 * @param role     what it was
 * @param newBytes payload bytes it carried that its sender had not sent before
 */
public record TimelineEntry(TcpSegment segment, Party sender, SinceFault at, SegmentRole role, long newBytes) {

    /** The same segment as a {@link WireEvent}. */
    public WireEvent event() {
        return new WireEvent(sender, at, segment);
    }

    @Override
    public String toString() {
        return at + " " + sender + " " + role + " " + segment;
    }
}
