package io.closebench.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's TCP state of one of this machine's connections, as {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} list it: "ESTABLISHED", "CLOSE_WAIT", ... A socket the kernel has closed
 * (after an RST: {@code tcp_done()}) leaves those tables while its descriptor is still open; it reads
 * as "CLOSE", the kernel's own name for that state. Java cannot see any of this.
 *
 * <p>Reading the tables costs a fraction of a millisecond to a few (they list every TIME_WAIT
 * socket too): the matrix asks only outside t1 - t0, and the benchmarks not at all.
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
     * The state of the connection from local port {@code localPort} to remote port {@code remotePort};
     * "CLOSE" when the kernel lists it not (a TIME_WAIT entry of an earlier connection with the same
     * ports counts only when nothing else matches); "?" when the tables cannot be read.
     */
    public static String of(int localPort, int remotePort) {
        if (localPort <= 0 || remotePort <= 0) {
            return "?";
        }
        String local = String.format(":%04X ", localPort);
        String remote = String.format(":%04X ", remotePort);
        String found = null;
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
                String line = text.substring(start, end < 0 ? text.length() : end);
                start = end < 0 ? -1 : end + 1;
                String state = stateIn(line, local, remote);
                if (state != null && (found == null || found.equals(TIME_WAIT))) {
                    found = state;
                }
            }
        }
        return !readable ? "?" : found == null ? "CLOSE" : found;
    }

    /** "  12: 0100007F:1F90 0100007F:D431 08 ...": the state if local and remote match, else null. */
    static String stateIn(String line, String local, String remote) {
        if (!line.contains(local) || !line.contains(remote)) {
            return null;
        }
        String[] f = line.trim().split("\\s+", 5);
        if (f.length < 4 || !(f[1] + " ").endsWith(local) || !(f[2] + " ").endsWith(remote)) {
            return null;
        }
        try {
            int st = Integer.parseInt(f[3], 16);
            return st > 0 && st < NAMES.length ? NAMES[st] : "state " + st;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
