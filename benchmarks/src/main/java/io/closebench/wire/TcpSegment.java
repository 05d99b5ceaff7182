package io.closebench.wire;

/**
 * One TCP segment as it passed the capture point, decoded from its headers (the payload itself is
 * not kept; the snap length usually cut it off).
 *
 * @param index         the packet's position in its pcap file, from 0 (what Wireshark shows as
 *                      frame number minus one)
 * @param epochNanos    the capture timestamp (CLOCK_REALTIME, see {@link PacketCapture})
 * @param source        sender
 * @param destination   receiver
 * @param flags         control bits
 * @param sequence      sequence number, unsigned 32 bits
 * @param acknowledgement acknowledgement number, unsigned 32 bits (meaningful when ACK is set)
 * @param window        the window field as sent, unscaled
 * @param payloadLength payload bytes, from the IP length fields (not from what was captured)
 * @param options       the options the analysis may use
 */
public record TcpSegment(int index, long epochNanos, Endpoint source, Endpoint destination, TcpFlags flags,
                         long sequence, long acknowledgement, int window, int payloadLength, TcpOptions options) {

    /**
     * Sequence space the segment occupies: payload plus one for SYN and one for FIN (RFC 9293
     * SEG.LEN).
     */
    public long sequenceLength() {
        return payloadLength + (flags.syn() ? 1 : 0) + (flags.fin() ? 1 : 0);
    }

    /** True when it goes from {@code from} to {@code to}. */
    public boolean goes(Endpoint from, Endpoint to) {
        return source.equals(from) && destination.equals(to);
    }

    /** One line, tcpdump-like: {@code 127.0.0.1:40000 > 127.0.0.1:5555 [P.] seq 1 ack 1 win 512 len 100}. */
    @Override
    public String toString() {
        return source + " > " + destination + " " + flags + " seq " + sequence
                + (flags.ack() ? " ack " + acknowledgement : "") + " win " + window + " len " + payloadLength;
    }
}
