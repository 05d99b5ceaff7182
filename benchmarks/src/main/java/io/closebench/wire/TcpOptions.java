package io.closebench.wire;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The TCP options a segment carried that the analysis may use: MSS and window scale (on SYNs),
 * SACK permitted, the timestamps option (RFC 7323; Linux puts it on every segment unless
 * {@code tcp_timestamps} is off), and how many SACK blocks. Unknown options are skipped.
 *
 * @param mss              the MSS option, if present
 * @param windowScale      the window scale shift, if present
 * @param sackPermitted    whether SACK-permitted was present
 * @param timestampValue   TSval, if the timestamps option was present
 * @param timestampEcho    TSecr, if the timestamps option was present
 * @param sackBlocks       number of SACK blocks (0 when none)
 */
public record TcpOptions(OptionalInt mss, OptionalInt windowScale, boolean sackPermitted, OptionalLong timestampValue,
                         OptionalLong timestampEcho, int sackBlocks) {

    /** A segment without options. */
    public static final TcpOptions NONE = new TcpOptions(OptionalInt.empty(), OptionalInt.empty(), false,
            OptionalLong.empty(), OptionalLong.empty(), 0);

    /**
     * Parses the options area {@code [from, to)} of {@code data}. A malformed option ends the
     * parse with what was read so far, as the kernel's own parser does.
     */
    static TcpOptions parse(byte[] data, int from, int to) {
        OptionalInt mss = OptionalInt.empty();
        OptionalInt scale = OptionalInt.empty();
        boolean sackPermitted = false;
        OptionalLong tsval = OptionalLong.empty();
        OptionalLong tsecr = OptionalLong.empty();
        int sackBlocks = 0;
        int i = from;
        while (i < to) {
            int kind = data[i] & 0xff;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= to) {
                break;
            }
            int length = data[i + 1] & 0xff;
            if (length < 2 || i + length > to) {
                break;
            }
            switch (kind) {
                case 2 -> {
                    if (length == 4) {
                        mss = OptionalInt.of(u16(data, i + 2));
                    }
                }
                case 3 -> {
                    if (length == 3) {
                        scale = OptionalInt.of(data[i + 2] & 0xff);
                    }
                }
                case 4 -> sackPermitted = length == 2;
                case 5 -> sackBlocks = (length - 2) / 8;
                case 8 -> {
                    if (length == 10) {
                        tsval = OptionalLong.of(u32(data, i + 2));
                        tsecr = OptionalLong.of(u32(data, i + 6));
                    }
                }
                default -> {
                    // not needed by the analysis
                }
            }
            i += length;
        }
        return new TcpOptions(mss, scale, sackPermitted, tsval, tsecr, sackBlocks);
    }

    static int u16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    static long u32(byte[] data, int at) {
        return (long) (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8
                | (data[at + 3] & 0xff);
    }
}
