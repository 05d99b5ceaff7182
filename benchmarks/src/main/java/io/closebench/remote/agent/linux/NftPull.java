package io.closebench.remote.agent.linux;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cable pulled for one trial's connections only, on the peer's host: an nftables table of its
 * own ({@code inet closebench_peer_<pid>_<n>}, recognisable, and owned by the agent whose pid it
 * names) whose input and output chains drop every TCP segment between this host and the observer on
 * the trial's ports. The control connection, on other ports, stays up.
 *
 * <p>It cannot outlive its bound: the ports are elements of a set with a timeout, so the kernel
 * itself plugs the cable back after the bound the observer set, even if the agent is killed. It is
 * removed (the whole table) when the cable is plugged back, when the trial's object closes (at the
 * end, on an error, when the control connection is lost), and, if the agent died first, by the next
 * agent's sweep of tables whose pid is gone ({@link #sweepLeftovers()}).
 */
final class NftPull implements AutoCloseable {

    /** Every table of the agent starts with this. */
    static final String PREFIX = "closebench_peer_";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Duration NFT_BOUND = Duration.ofSeconds(10);

    private final String table;
    private boolean removed;

    private NftPull(String table) {
        this.table = table;
    }

    /**
     * Pulls the cable: one nft transaction, so that both directions go at once. Drops segments to and
     * from {@code observer} whose port there is one of {@code observerPorts}, and those between it and
     * this host's {@code servicePort} (0: none), for at most {@code bound}.
     */
    static NftPull pull(InetAddress observer, List<Integer> observerPorts, int servicePort, Duration bound)
            throws IOException {
        if (!(observer instanceof Inet4Address)) {
            throw new IOException("the pulled cable across hosts takes an IPv4 observer; " + observer.getHostAddress()
                    + " is not one");
        }
        String table = PREFIX + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        String timeout = Math.max(1, bound.toMillis()) + "ms";
        String addr = observer.getHostAddress();
        List<String> pulled = new ArrayList<>();
        for (int p : observerPorts) {
            pulled.add(addr + " . " + p + " timeout " + timeout);
        }
        String script = "table inet " + table + " {\n"
                + "  set pulled { type ipv4_addr . inet_service; flags timeout;"
                + (pulled.isEmpty() ? "" : " elements = { " + String.join(", ", pulled) + " }") + " }\n"
                + "  set service { type ipv4_addr . inet_service; flags timeout;"
                + (servicePort > 0 ? " elements = { " + addr + " . " + servicePort + " timeout " + timeout + " }" : "") + " }\n"
                + "  chain input { type filter hook input priority -10; policy accept;"
                + " ip saddr . tcp sport @pulled drop; ip saddr . tcp dport @service drop; }\n"
                + "  chain output { type filter hook output priority -10; policy accept;"
                + " ip daddr . tcp dport @pulled drop; ip daddr . tcp sport @service drop; }\n"
                + "}\n";
        Path file = Files.createTempFile(table, ".nft");
        try {
            Files.writeString(file, script, StandardCharsets.US_ASCII);
            CommandResult r = BoundedCommand.run(NFT_BOUND, List.of("nft", "-f", file.toString()));
            if (!r.succeeded()) {
                throw new IOException("nft refused the pull (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
            return new NftPull(table);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    String table() {
        return table;
    }

    /** Plugs the cable back: the table goes. Idempotent; a table already gone counts as removed. */
    synchronized void plug() throws IOException {
        if (removed) {
            return;
        }
        CommandResult r = BoundedCommand.run(NFT_BOUND, List.of("nft", "delete", "table", "inet", table));
        if (!r.succeeded() && exists(table)) {
            throw new IOException("nft could not remove table inet " + table + ": " + r.stderr().strip());
        }
        removed = true;
    }

    @Override
    public void close() {
        try {
            plug();
        } catch (IOException | RuntimeException e) {
            System.out.println("closebench peer: " + e.getMessage() + " (its elements expire by themselves at their bound)");
        }
    }

    /** The agent's tables now present. */
    static List<String> tables() {
        CommandResult r = BoundedCommand.run(NFT_BOUND, List.of("nft", "list", "tables"));
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 3 && w[0].equals("table") && w[1].equals("inet") && w[2].startsWith(PREFIX)) {
                names.add(w[2]);
            }
        }
        return names;
    }

    private static boolean exists(String table) {
        return tables().contains(table);
    }

    /** Removes the tables of agents that are gone (their pid no longer runs); returns them. */
    static List<String> sweepLeftovers() {
        List<String> swept = new ArrayList<>();
        for (String t : tables()) {
            String[] parts = t.substring(PREFIX.length()).split("_");
            long pid;
            try {
                pid = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            boolean alive = pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (alive) {
                continue;
            }
            if (BoundedCommand.run(NFT_BOUND, List.of("nft", "delete", "table", "inet", t)).succeeded()) {
                swept.add(t);
            }
        }
        return swept;
    }
}
