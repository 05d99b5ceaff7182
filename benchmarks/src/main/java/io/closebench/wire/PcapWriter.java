package io.closebench.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic pcap file ({@link PcapFile}'s format, nanosecond timestamps, this machine's byte
 * order as tcpdump writes it) that never grows past a byte bound: a packet that would cross it is not
 * written, and {@link #cut()} says so from then on, so that a bounded file is never taken for a whole
 * one. The header is written with the first packet, so a writer that got none leaves no file.
 *
 * <p>Why write pcap here and not with tcpdump: the matrix keeps one file per scenario and model,
 * filled from several captures in turn (see the matrix's wire watch), which {@code tcpdump -w} cannot
 * append to, and selecting a model's connections by their four addresses in Java avoids a filter
 * expression as long as the repetitions are many.
 */
public final class PcapWriter implements AutoCloseable {

    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final Path file;
    private final int linkTypeCode;
    private final int snapLength;
    private final long maxBytes;
    private FileChannel channel;
    private long bytes;
    private long packets;
    private boolean cut;

    /**
     * @param file         the file to (re)create
     * @param linkTypeCode the link type of every packet it will hold
     * @param snapLength   the snap length to declare: no packet written may hold more bytes
     * @param maxBytes     the file's bound, header included
     */
    public PcapWriter(Path file, int linkTypeCode, int snapLength, long maxBytes) {
        if (maxBytes < GLOBAL_HEADER + RECORD_HEADER) {
            throw new IllegalArgumentException("a bound of " + maxBytes + " bytes holds no packet");
        }
        this.file = file;
        this.linkTypeCode = linkTypeCode;
        this.snapLength = snapLength;
        this.maxBytes = maxBytes;
    }

    /**
     * Appends one packet, unless it would take the file past its bound (then nothing more is written).
     *
     * @return whether it was written
     * @throws IllegalArgumentException when the packet holds more bytes than the declared snap length
     */
    public boolean write(PcapPacket packet) throws IOException {
        if (packet.data().length > snapLength) {
            throw new IllegalArgumentException(packet.data().length + " bytes captured, snap length " + snapLength);
        }
        long size = (channel == null ? GLOBAL_HEADER : 0) + RECORD_HEADER + packet.data().length;
        if (cut || bytes + size > maxBytes) {
            cut = true;
            return false;
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(GLOBAL_HEADER).order(ByteOrder.nativeOrder());
            header.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(snapLength).putInt(linkTypeCode).flip();
            writeFully(header);
            bytes = GLOBAL_HEADER;
        }
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + packet.data().length).order(ByteOrder.nativeOrder());
        record.putInt((int) (packet.epochNanos() / 1_000_000_000L)).putInt((int) (packet.epochNanos() % 1_000_000_000L))
                .putInt(packet.data().length).putInt(packet.originalLength()).put(packet.data()).flip();
        writeFully(record);
        bytes += RECORD_HEADER + packet.data().length;
        packets++;
        return true;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The file it writes. */
    public Path file() {
        return file;
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    /** True once a packet was left out because of the bound: the file holds only the first ones. */
    public boolean cut() {
        return cut;
    }

    /** Whether the file exists: at least one packet was written. */
    public boolean wroteAny() {
        return packets > 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
