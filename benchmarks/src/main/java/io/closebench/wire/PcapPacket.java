package io.closebench.wire;

/**
 * One record of a pcap file: when it was captured, how long the packet was on the wire, and the
 * bytes kept (at most the snap length).
 *
 * @param epochNanos     the record's timestamp as nanoseconds since the epoch; for a
 *                       microsecond file the last three digits are zero
 * @param originalLength the packet's length when captured
 * @param data           the bytes captured, {@code data.length <= originalLength}
 */
public record PcapPacket(long epochNanos, int originalLength, byte[] data) {

    public PcapPacket {
        if (data.length > originalLength) {
            throw new IllegalArgumentException("captured " + data.length + " bytes of a " + originalLength
                    + "-byte packet");
        }
    }

    /** True when the snap length cut the packet. */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
