package io.closebench.cable;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import io.closebench.netns.HostPair;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server host's kernel's own view of its TCP connections, from {@code ss -tainoH} run inside its
 * namespace: each connection's state and, per {@code ss -i}, how many milliseconds ago it last sent
 * ({@code lastsnd}), received data ({@code lastrcv}) and received an acknowledgement
 * ({@code lastack}); per {@code ss -o}, its pending timer ({@code timer:(persist,212ms,0)}) and
 * the backoff behind it. Connections are found by their two ports, the server's and the client's
 * (a client port alone is not unique: Linux gives one local port to connections towards different
 * server ports), or, for a connection the server opened from a port of its choosing, by that
 * local port.
 *
 * <p>Why: Java cannot see when the kernel last heard from the peer, and that instant is where
 * keepalive counts from. The figures are in milliseconds (jiffies underneath), and the sampling
 * instant is taken as the middle of the {@code ss} run, so an instant derived from them is good to
 * about half that run (a few ms). {@code ss} omits a field that is 0; it reads as 0 here.
 */
public final class KernelSocketView {

    /**
     * One connection as {@code ss} listed it.
     *
     * @param timer        the pending timer's name (on, keepalive, persist, ...), "" for none
     * @param timerMillis  when it expires, from the sampling instant
     * @param backoff      {@code icsk_backoff}: how many times the timer's interval doubled
     * @param rtoMillis    the retransmission timeout ({@code rto:}, whole milliseconds), 0 when not shown
     */
    public record Entry(String state, int localPort, int peerPort, long lastSendMillis, long lastReceiveMillis,
                 long lastAckMillis, String timer, long timerMillis, int backoff, long rtoMillis) {

        /** Milliseconds since the last segment from the peer, data or acknowledgement. */
        long sinceLastPeerSegmentMillis() {
            return Math.min(lastReceiveMillis, lastAckMillis);
        }
    }

    private static final java.util.regex.Pattern TIMER = java.util.regex.Pattern.compile(
            "timer:\\(([a-z_]+),([0-9a-z.]*),[0-9]+\\)");
    /** ss's {@code print_ms_timer}: "1min5sec", "12sec", "1.808ms" (1 s 808 ms), "212ms". */
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile(
            "(?:([0-9]+)min)?(?:([0-9]+)(?:sec|\\.))?(?:([0-9]+)ms)?");

    private final Map<Long, Entry> byPorts;
    private final Map<Integer, Entry> byLocalPort;
    private final long sampledAt;

    private KernelSocketView(Map<Long, Entry> byPorts, Map<Integer, Entry> byLocalPort, long sampledAt) {
        this.byPorts = byPorts;
        this.byLocalPort = byLocalPort;
        this.sampledAt = sampledAt;
    }

    private static long key(int localPort, int peerPort) {
        return ((long) localPort << 16) | peerPort;
    }

    /** Runs {@code ss -tainoH} in {@code namespace} (all states, with timers). */
    public static KernelSocketView sample(HostPair pair, String namespace) {
        return sample(pair, namespace, java.util.List.of());
    }

    /** As {@link #sample(HostPair, String)}, for the connections whose local port is one of {@code localPorts}. */
    public static KernelSocketView sample(HostPair pair, String namespace, java.util.Collection<Integer> localPorts) {
        java.util.List<String> command = ssCommand(localPorts.isEmpty() ? java.util.List.of() : localPortsFilter(localPorts));
        return run(pair.commandIn(namespace, command.toArray(String[]::new)));
    }

    /**
     * The same in this process's own network namespace, for the sockets {@code filter} selects ({@code ss}'s
     * filter, one token per element; empty: all): the server host of a pulled cable across hosts, where
     * other programs' sockets live too.
     */
    public static KernelSocketView sampleHere(java.util.List<String> filter) {
        return run(ssCommand(filter));
    }

    /** {@code ( sport = :p1 or sport = :p2 ... )}, as {@code ss}'s filter tokens. */
    public static java.util.List<String> localPortsFilter(java.util.Collection<Integer> localPorts) {
        java.util.List<String> f = new java.util.ArrayList<>();
        f.add("(");
        String or = "";
        for (int port : localPorts) {
            if (!or.isEmpty()) {
                f.add(or);
            }
            f.addAll(java.util.List.of("sport", "=", ":" + port));
            or = "or";
        }
        f.add(")");
        return f;
    }

    private static java.util.List<String> ssCommand(java.util.List<String> filter) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ss", "-t", "-a", "-i", "-n", "-o", "-H"));
        command.addAll(filter);
        return command;
    }

    private static KernelSocketView run(java.util.List<String> command) {
        long before = System.nanoTime();
        CommandResult r = BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, command);
        long after = System.nanoTime();
        return parse(r.stdout(), before + (after - before) / 2);
    }

    /** Parses {@code ss -tainH} output: a socket line, then its indented {@code -i} line. */
    public static KernelSocketView parse(String output, long sampledAt) {
        Map<Long, Entry> entries = new HashMap<>();
        Map<Integer, Entry> byLocal = new HashMap<>();
        Entry current = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                current = null;
                String[] f = line.trim().split("\\s+");
                if (f.length >= 5) {
                    String port = port(f[4]);
                    String local = port(f[3]);
                    if (!port.isEmpty() && !local.isEmpty()) {
                        java.util.regex.Matcher timer = TIMER.matcher(line);
                        boolean timed = timer.find();
                        current = new Entry(f[0], Integer.parseInt(local), Integer.parseInt(port), 0, 0, 0,
                                timed ? timer.group(1) : "", timed ? millis(timer.group(2)) : -1, 0, 0);
                        entries.put(key(current.localPort(), current.peerPort()), current);
                        byLocal.put(current.localPort(), current);
                    }
                }
            } else if (current != null) {
                Entry withTimes = new Entry(current.state(), current.localPort(), current.peerPort(),
                        field(line, "lastsnd:"), field(line, "lastrcv:"), field(line, "lastack:"), current.timer(),
                        current.timerMillis(), (int) field(line, "backoff:"), field(line, " rto:"));
                entries.put(key(current.localPort(), current.peerPort()), withTimes);
                byLocal.put(current.localPort(), withTimes);
                current = null;
            }
        }
        return new KernelSocketView(entries, byLocal, sampledAt);
    }

    /** The port of an "address:port" column, or "" when it has none ("*"). */
    private static String port(String column) {
        String port = column.substring(column.lastIndexOf(':') + 1);
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit) ? port : "";
    }

    /** ss's printed duration in milliseconds; -1 when it cannot be read. */
    public static long millis(String printed) {
        java.util.regex.Matcher m = DURATION.matcher(printed);
        if (printed.isEmpty() || !m.matches()) {
            return printed.isEmpty() ? 0 : -1;
        }
        long ms = 0;
        if (m.group(1) != null) {
            ms += Long.parseLong(m.group(1)) * 60_000;
        }
        if (m.group(2) != null) {
            ms += Long.parseLong(m.group(2)) * 1000;
        }
        if (m.group(3) != null) {
            ms += Long.parseLong(m.group(3));
        }
        return ms;
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

    public Optional<Entry> entry(int localPort, int peerPort) {
        return Optional.ofNullable(byPorts.get(key(localPort, peerPort)));
    }

    /** When the kernel last heard from the peer of this connection, on the {@code nanoTime} scale. */
    public Optional<Long> lastPeerSegmentAt(int localPort, int peerPort) {
        return entry(localPort, peerPort).map(e -> sampledAt - e.sinceLastPeerSegmentMillis() * 1_000_000L);
    }

    /** The connection's state (ESTAB, FIN-WAIT-1, ...), or "gone" when the kernel no longer lists it. */
    public String stateOf(int localPort, int peerPort) {
        return entry(localPort, peerPort).map(Entry::state).orElse("gone");
    }

    /** The state of the connection this host opened from {@code localPort}, or "gone". */
    public String stateOfLocal(int localPort) {
        return Optional.ofNullable(byLocalPort.get(localPort)).map(Entry::state).orElse("gone");
    }

    /**
     * The expiry of this connection's persist timer, on the {@code nanoTime} scale, while it runs
     * with no backoff yet (a zero-window probe before the probes back off), or empty.
     */
    public Optional<Long> unbackedWindowProbeAt(int localPort, int peerPort) {
        return entry(localPort, peerPort).filter(e -> e.timer().equals("persist") && e.backoff() == 0 && e.timerMillis() >= 0)
                .map(e -> sampledAt + e.timerMillis() * 1_000_000L);
    }

    /** Whether this connection's zero-window probes have backed off at least {@code times} times. */
    public boolean windowProbesBackedOff(int localPort, int peerPort, int times) {
        return entry(localPort, peerPort).filter(e -> e.timer().equals("persist") && e.backoff() >= times).isPresent();
    }
}
