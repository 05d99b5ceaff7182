package io.closebench.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The kernel's TCP state of one of this machine's connections, as {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} list it: "ESTABLISHED", "CLOSE_WAIT", ... A socket the kernel has closed
 * (after an RST: {@code tcp_done()}) leaves those tables while its descriptor is still open; it reads
 * as "CLOSE", the kernel's own name for that state. Java cannot see any of this.
 *
 * <p>A connection is found by both its ends, address and port: on loopback, with several listening
 * addresses, two connections can share their port numbers. Reading the tables costs a fraction of a
 * millisecond to a few (they list every TIME_WAIT socket too): the matrix asks only outside t1 - t0,
 * and the benchmarks not at all.
 */
public final class KernelTcpState {

    /** The kernel's state numbers ({@code include/net/tcp_states.h}), by index. */
    private static final String[] NAMES = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
            "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String TIME_WAIT = "TIME_WAIT";

    private KernelTcpState() {
    }

    /** @return whether the tables can be read here */
    public static boolean visible() {
        return TABLES.stream().anyMatch(Files::isReadable);
    }

    /**
     * The state of the connection from {@code local} to {@code remote}; "CLOSE" when the kernel lists
     * it not (a TIME_WAIT entry of an earlier connection between the same ends counts only when
     * nothing else matches); "?" when an end is unknown or the tables cannot be read.
     */
    public static String of(InetSocketAddress local, InetSocketAddress remote) {
        if (local == null || remote == null || local.getAddress() == null || remote.getAddress() == null) {
            return "?";
        }
        Set<String> locals = inTable(local);
        Set<String> remotes = inTable(remote);
        String[] found = {null};
        boolean readable = forEachLine(line -> {
            String state = stateIn(line, locals, remotes);
            if (state != null && (found[0] == null || found[0].equals(TIME_WAIT))) {
                found[0] = state;
            }
        });
        return !readable ? "?" : found[0] == null ? "CLOSE" : found[0];
    }

    /**
     * The {@code tx_queue} of the connection from {@code local} to {@code remote} (not in TIME_WAIT):
     * bytes its program wrote that the other end has not acknowledged, sent or not
     * ({@code write_seq - snd_una}, what {@code SIOCOUTQ} reports); -1 when it is not listed.
     */
    public static long unacknowledged(InetSocketAddress local, InetSocketAddress remote) {
        Set<String> locals = inTable(local);
        Set<String> remotes = inTable(remote);
        long[] found = {-1};
        forEachLine(line -> {
            String state = stateIn(line, locals, remotes);
            if (state != null && !state.equals(TIME_WAIT)) {
                String queues = line.trim().split("\\s+", 6)[4];
                found[0] = Long.parseLong(queues.substring(0, queues.indexOf(':')), 16);
            }
        });
        return found[0];
    }

    /** Feeds every entry line of both tables to {@code sink}; false when neither could be read. */
    private static boolean forEachLine(java.util.function.Consumer<String> sink) {
        boolean readable = false;
        for (Path table : TABLES) {
            String text;
            try {
                text = new String(Files.readAllBytes(table), StandardCharsets.US_ASCII);
                readable = true;
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (int start = text.indexOf('\n') + 1; start > 0 && start < text.length(); ) {
                int end = text.indexOf('\n', start);
                sink.accept(text.substring(start, end < 0 ? text.length() : end));
                start = end < 0 ? -1 : end + 1;
            }
        }
        return readable;
    }

    /** The kernel's name of state number {@code st} ({@code tcpi_state} of {@code TCP_INFO}, or the tables' "st"). */
    public static String name(int st) {
        return st > 0 && st < NAMES.length ? NAMES[st] : "state " + st;
    }

    /**
     * "  12: 0100007F:1F90 0100007F:D431 08 ...": the state if the local and remote fields are among
     * {@code locals} and {@code remotes}, else null.
     */
    static String stateIn(String line, Set<String> locals, Set<String> remotes) {
        String[] f = line.trim().split("\\s+", 5);
        if (f.length < 4 || !locals.contains(f[1]) || !remotes.contains(f[2])) {
            return null;
        }
        try {
            int st = Integer.parseInt(f[3], 16);
            return name(st);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * How the tables write an end, "ADDRESS:PORT" in hex, the address in 32-bit words in the
     * kernel's (little-endian) byte order: an IPv4 end appears in {@code tcp}, or, for a dual-stack
     * socket, in {@code tcp6} as an IPv4-mapped address; both forms are returned.
     */
    static Set<String> inTable(InetSocketAddress end) {
        byte[] a = end.getAddress().getAddress();
        String port = String.format(":%04X", end.getPort());
        if (end.getAddress() instanceof Inet4Address) {
            String v4 = words(a);
            return Set.of(v4 + port, "0000000000000000FFFF0000" + v4 + port);
        }
        return Set.of(words(a) + port);
    }

    /** The bytes as 32-bit words, each written least significant byte first, as the kernel prints them. */
    private static String words(byte[] a) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < a.length; w += 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(String.format("%02X", a[w + i] & 0xff));
            }
        }
        return s.toString();
    }
}
