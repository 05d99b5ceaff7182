package io.closebench.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic pcap file (the format {@code tcpdump -w} writes and Wireshark and {@code tcpdump -r}
 * read), read whole: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) timestamps. pcapng is refused with a message that says so.
 *
 * <p>A capture stopped by SIGKILL can end in the middle of a record; that partial record is not
 * a packet, and {@link #partialTailBytes()} says how many bytes of it there were, so a cut file is
 * never mistaken for a complete one.
 *
 * @param nanosecondTimestamps true for the nanosecond magic, false for microseconds
 * @param linkTypeCode         the LINKTYPE_ number from the header (low 16 bits; the FCS bits above are dropped)
 * @param snapLength           the header's snap length: no record holds more bytes than this
 * @param packets              every complete record, in file order
 * @param partialTailBytes     bytes after the last complete record (0 for a cleanly closed file)
 */
public record PcapFile(boolean nanosecondTimestamps, int linkTypeCode, int snapLength, List<PcapPacket> packets,
                       int partialTailBytes) {

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION = 0x0a0d0d0a;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Larger than any snap length libpcap accepts (262144); a bigger record length means a corrupt file. */
    private static final int MAX_RECORD = 1 << 20;

    public PcapFile {
        packets = List.copyOf(packets);
    }

    /** The link type, or empty when it is one {@link TcpSegments} cannot decode. */
    public java.util.Optional<LinkType> linkType() {
        return LinkType.ofCode(linkTypeCode);
    }

    /** The timestamp resolution in nanoseconds: 1 or 1000. */
    public long timestampResolutionNanos() {
        return nanosecondTimestamps ? 1 : 1_000;
    }

    /**
     * Reads the whole file.
     *
     * @throws PcapFormatException when it is not a classic pcap file or a record is impossible
     * @throws IOException         when it cannot be read
     */
    public static PcapFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses pcap bytes; {@code name} is for messages. */
    public static PcapFile parse(byte[] bytes, String name) {
        if (bytes.length < GLOBAL_HEADER) {
            throw new PcapFormatException(name + ": " + bytes.length + " bytes, shorter than a pcap header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buffer.getInt(0);
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            buffer.order(ByteOrder.BIG_ENDIAN);
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else if (magic == PCAPNG_SECTION) {
            throw new PcapFormatException(name + ": pcapng, not classic pcap (write it with tcpdump -w, not dumpcap)");
        } else {
            throw new PcapFormatException(name + ": not a pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        int snapLength = buffer.getInt(16);
        int linkType = buffer.getInt(20) & 0xffff;
        List<PcapPacket> packets = new ArrayList<>();
        int position = GLOBAL_HEADER;
        while (bytes.length - position >= RECORD_HEADER) {
            long seconds = Integer.toUnsignedLong(buffer.getInt(position));
            long fraction = Integer.toUnsignedLong(buffer.getInt(position + 4));
            int included = buffer.getInt(position + 8);
            int original = buffer.getInt(position + 12);
            if (included < 0 || included > MAX_RECORD || original < included || fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
                throw new PcapFormatException(name + ": impossible record at byte " + position + " (captured "
                        + included + ", original " + original + ", fraction " + fraction + ")");
            }
            if (bytes.length - position - RECORD_HEADER < included) {
                break;
            }
            byte[] data = new byte[included];
            System.arraycopy(bytes, position + RECORD_HEADER, data, 0, included);
            long epochNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000);
            packets.add(new PcapPacket(epochNanos, original, data));
            position += RECORD_HEADER + included;
        }
        return new PcapFile(nanos, linkType, snapLength, packets, bytes.length - position);
    }
}
