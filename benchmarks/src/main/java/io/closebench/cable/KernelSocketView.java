package io.closebench.cable;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import io.closebench.netns.HostPair;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server host's kernel's own view of its TCP connections, from {@code ss -tinH} run inside its
 * namespace: each connection's state and, per {@code ss -i}, how many milliseconds ago it last sent
 * ({@code lastsnd}), received data ({@code lastrcv}) and received an acknowledgement
 * ({@code lastack}). Connections are found by the client's port, unique in the client's namespace.
 *
 * <p>Why: Java cannot see when the kernel last heard from the peer, and that instant is where
 * keepalive counts from. The figures are in milliseconds (jiffies underneath), and the sampling
 * instant is taken as the middle of the {@code ss} run, so an instant derived from them is good to
 * about half that run (a few ms). {@code ss} omits a field that is 0; it reads as 0 here.
 */
final class KernelSocketView {

    /** One connection as {@code ss} listed it. */
    record Entry(String state, int peerPort, long lastSendMillis, long lastReceiveMillis, long lastAckMillis) {

        /** Milliseconds since the last segment from the peer, data or acknowledgement. */
        long sinceLastPeerSegmentMillis() {
            return Math.min(lastReceiveMillis, lastAckMillis);
        }
    }

    private final Map<Integer, Entry> byPeerPort;
    private final long sampledAt;

    private KernelSocketView(Map<Integer, Entry> byPeerPort, long sampledAt) {
        this.byPeerPort = byPeerPort;
        this.sampledAt = sampledAt;
    }

    /** Runs {@code ss -tainH} in {@code namespace} (all states, with timers). */
    static KernelSocketView sample(HostPair pair, String namespace) {
        long before = System.nanoTime();
        CommandResult r = BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                pair.commandIn(namespace, "ss", "-t", "-a", "-i", "-n", "-H"));
        long after = System.nanoTime();
        return parse(r.stdout(), before + (after - before) / 2);
    }

    /** Parses {@code ss -tainH} output: a socket line, then its indented {@code -i} line. */
    static KernelSocketView parse(String output, long sampledAt) {
        Map<Integer, Entry> entries = new HashMap<>();
        Entry current = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                current = null;
                String[] f = line.trim().split("\\s+");
                if (f.length >= 5) {
                    int colon = f[4].lastIndexOf(':');
                    String port = f[4].substring(colon + 1);
                    if (port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
                        current = new Entry(f[0], Integer.parseInt(port), 0, 0, 0);
                        entries.put(current.peerPort(), current);
                    }
                }
            } else if (current != null) {
                Entry withTimes = new Entry(current.state(), current.peerPort(), field(line, "lastsnd:"),
                        field(line, "lastrcv:"), field(line, "lastack:"));
                entries.put(current.peerPort(), withTimes);
                current = null;
            }
        }
        return new KernelSocketView(entries, sampledAt);
    }

    private static long field(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            return 0;
        }
        int end = at + name.length();
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Long.parseLong(line.substring(at + name.length(), end));
    }

    Optional<Entry> byPeerPort(int port) {
        return Optional.ofNullable(byPeerPort.get(port));
    }

    /** When the kernel last heard from the peer of this connection, on the {@code nanoTime} scale. */
    Optional<Long> lastPeerSegmentAt(int port) {
        return byPeerPort(port).map(e -> sampledAt - e.sinceLastPeerSegmentMillis() * 1_000_000L);
    }

    /** The connection's state (ESTAB, FIN-WAIT-1, ...), or "gone" when the kernel no longer lists it. */
    String stateOf(int port) {
        return byPeerPort(port).map(Entry::state).orElse("gone");
    }
}
