package io.closebench.wire;

/**
 * A single noteworthy segment: who sent it and when.
 *
 * @param sender  the side that sent it
 * @param at      its time after the fault
 * @param segment the segment
 */
public record WireEvent(Party sender, SinceFault at, TcpSegment segment) {
}
