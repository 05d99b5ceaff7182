package io.closebench.wire;

import io.closebench.fault.RealtimeToMonotonic;
import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running tcpdump, writing a standard pcap file, that is really capturing when
 * {@link #start(CaptureSpec)} returns and has written everything it captured when {@link #stop()}
 * returns, or says what it missed.
 *
 * <p>The command is {@code [ip netns exec NS] sh -c WATCH sh tcpdump -i DEV -p -n -s SNAP -c MAX
 * --immediate-mode --time-stamp-precision=nano -U -Z USER -w FILE FILTER}:
 * <ul>
 *   <li>{@code --immediate-mode} makes libpcap use a TPACKET_V2 ring whose every frame is handed to
 *       tcpdump at once. Without it (TPACKET_V3) packets wait in a ring block until the block is
 *       retired (up to a second) and a stop in between loses them: measured, a loopback connection's
 *       8 segments captured, 0 written, "16 packets received by filter".</li>
 *   <li>{@code -U} flushes the file after every packet; {@code --time-stamp-precision=nano} writes
 *       the nanosecond magic; {@code -Z} keeps the file owned by this JVM's user (Debian's tcpdump
 *       otherwise switches to user {@code tcpdump}).</li>
 *   <li>The {@code sh} wrapper ({@link #WATCH}) starts tcpdump in the background and waits for its own
 *       stdin to close, then sends tcpdump SIGTERM and waits for it. {@link #stop()} closes that stdin;
 *       so does the kernel when this JVM dies, so a tcpdump never outlives its JVM and always gets to
 *       flush. tcpdump is only signalled before the shell reaps it, so the signal cannot reach a
 *       process that reused its pid.</li>
 * </ul>
 *
 * <p><b>Start.</b> tcpdump prints "listening on" after it has bound its packet socket and attached
 * the filter ({@code pcap_activate}, {@code pcap_setfilter}, then the message), so every packet that
 * reaches the tap after start() returns is captured; {@code PacketCaptureTest} checks that the first
 * segment sent right after start() is in the file, repeatedly.
 *
 * <p><b>Stop.</b> On SIGTERM tcpdump leaves its loop after the packet in hand, so packets still in
 * the ring are not written. stop() first waits (at most {@link #QUIET_WITHIN}) until the file has
 * stopped growing while tcpdump sleeps, then stops tcpdump, then checks its statistics against a
 * baseline it asked for (SIGUSR1) right after "listening on": from there on, "received by filter"
 * counts every packet that entered the ring (twice on loopback, where libpcap skips the outgoing
 * copy), so "captured" falls short of it exactly when packets were left unread. The baseline is
 * needed because packets that reached the socket before the filter was attached are counted as
 * received and then dropped by libpcap's own filter (seen on the shared root loopback: "1 packets
 * entered the ring but were not written" in a capture whose filter matched nothing). Any
 * shortfall, kernel drops, a cut file, a kill, or the packet limit are
 * {@link CaptureResult#problems()}.
 *
 * <p><b>Clock.</b> A pcap timestamp is CLOCK_REALTIME, read by the kernel when the packet passed
 * the packet tap (on transmit in {@code dev_queue_xmit_nit}, on loopback when the looped packet is
 * queued for receive, inside the sender's system call; on receive in {@code netif_receive_skb}):
 * tcpdump offers only the {@code host} time stamp type here ({@code tcpdump -J}). The offset to
 * {@code System.nanoTime()} is measured when capturing starts and when it stops, and the result's
 * {@link CaptureResult#clock()} covers both, with its bound.
 *
 * <p>Not thread-safe; one owner starts and stops it.
 */
public final class PacketCapture implements AutoCloseable {

    /** How long start() waits for tcpdump's "listening on". */
    public static final Duration LISTENING_WITHIN = Duration.ofSeconds(10);
    /** How long stop() waits for the file to stop growing before it stops tcpdump anyway. */
    public static final Duration QUIET_WITHIN = Duration.ofSeconds(1);
    /** How long stop() waits for tcpdump to exit after SIGTERM before killing it. */
    public static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    /** How long start() waits for tcpdump's answer to SIGUSR1. */
    static final Duration BASELINE_WITHIN = Duration.ofSeconds(5);

    /** Runs "$@" (tcpdump) in the background and stops it with SIGTERM once stdin closes. */
    static final String WATCH = "\"$@\" &\nt=$!\ncat >/dev/null\nkill -TERM \"$t\" 2>/dev/null\nwait \"$t\"\n";

    private static final long QUIET_POLL_MILLIS = 20;
    private static final Pattern FINAL_STATISTIC = Pattern.compile(
            "(\\d+) packets? (captured|received by filter|dropped by kernel)");
    private static final Pattern REQUESTED_STATISTICS = Pattern.compile(
            "(\\d+) packets? captured, (\\d+) packets? received by filter, (\\d+) packets? dropped by kernel");

    private final CaptureSpec spec;
    private final Process process;
    private final StderrLines stderr;
    private final Optional<Statistics> baseline;
    private final RealtimeToMonotonic.Offset startClock;
    private final Duration startCost;
    private CaptureResult result;

    private PacketCapture(CaptureSpec spec, Process process, StderrLines stderr, Optional<Statistics> baseline,
                          RealtimeToMonotonic.Offset startClock, Duration startCost) {
        this.spec = spec;
        this.process = process;
        this.stderr = stderr;
        this.baseline = baseline;
        this.startClock = startClock;
        this.startCost = startCost;
    }

    /**
     * Starts tcpdump and returns once it is capturing.
     *
     * @throws CaptureFailedException with tcpdump's own words when it is not installed, may not
     *                                capture here, rejects the device or filter, or does not report
     *                                listening within {@link #LISTENING_WITHIN}; nothing is left running
     */
    public static PacketCapture start(CaptureSpec spec) {
        Path tcpdump = Tcpdump.binary().orElseThrow(() -> new CaptureFailedException(Tcpdump.NOT_INSTALLED));
        List<String> argv = command(spec, tcpdump);
        long began = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CaptureFailedException("could not start " + argv + ": " + e.getMessage());
        }
        StderrLines stderr = StderrLines.follow(process);
        boolean listening;
        try {
            listening = stderr.awaitListening(LISTENING_WITHIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new CaptureFailedException("interrupted while waiting for tcpdump to listen");
        }
        if (!listening) {
            boolean stillRunning = process.isAlive() && !stderr.ended();
            endWatch(process);
            try {
                if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(process);
                }
                stderr.awaitEnd(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(process);
            }
            throw new CaptureFailedException((stillRunning ? "tcpdump did not report listening within "
                    + LISTENING_WITHIN : "tcpdump could not capture") + " on " + where(spec) + ": "
                    + stderr.text().strip().replace('\n', ' '));
        }
        Optional<Statistics> baseline;
        try {
            baseline = stderr.requestStatistics(BASELINE_WITHIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new CaptureFailedException("interrupted while asking tcpdump for its statistics");
        }
        Duration startCost = Duration.ofNanos(System.nanoTime() - began);
        return new PacketCapture(spec, process, stderr, baseline, RealtimeToMonotonic.measure(), startCost);
    }

    /** The argv: the namespace prefix, the watching shell, then tcpdump with its arguments. */
    static List<String> command(CaptureSpec spec, Path tcpdump) {
        List<String> argv = new ArrayList<>();
        spec.namespace().ifPresent(ns -> argv.addAll(List.of("ip", "netns", "exec", ns)));
        argv.addAll(List.of("sh", "-c", WATCH, "sh"));
        argv.addAll(List.of(tcpdump.toString(), "-i", spec.device(), "-p", "-n", "-s", String.valueOf(spec.snapLength()),
                "-c", String.valueOf(spec.maxPackets()), "--immediate-mode", "--time-stamp-precision=nano", "-U",
                "-Z", System.getProperty("user.name"), "-w", spec.file().toString(), spec.filter().expression()));
        return argv;
    }

    /** What this capture records. */
    public CaptureSpec spec() {
        return spec;
    }

    /** Wall time from launching tcpdump to its "listening on". */
    public Duration startCost() {
        return startCost;
    }

    /**
     * Stops tcpdump once the file is quiet (bounded), and returns what was captured and whether
     * anything was missed. Idempotent: a second call returns the same result.
     */
    public CaptureResult stop() throws InterruptedException {
        if (result != null) {
            return result;
        }
        long began = System.nanoTime();
        boolean quiet = awaitQuietFile();
        endWatch(process);
        boolean killed = false;
        if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree(process);
            killed = true;
        }
        stderr.awaitEnd(Duration.ofSeconds(2));
        RealtimeToMonotonic.Offset clock = startClock.spanning(RealtimeToMonotonic.measure());
        Duration stopCost = Duration.ofNanos(System.nanoTime() - began);
        result = CaptureResult.assess(spec, baseline, finalStatistics(stderr.text()), killed, quiet, clock, startCost,
                stopCost, stderr.text());
        return result;
    }

    /** Stops the capture if stop() was not called, discarding the result. */
    @Override
    public void close() throws InterruptedException {
        if (result == null) {
            stop();
        }
    }

    /**
     * tcpdump's three counts at one moment.
     *
     * @param captured         packets written
     * @param receivedByFilter packets that entered the ring (including those libpcap's own filter then dropped)
     * @param droppedByKernel  packets the ring had no room for
     */
    record Statistics(long captured, long receivedByFilter, long droppedByKernel) {
    }

    /** The three lines tcpdump prints when it ends, or empty when it printed them not (killed). */
    static Optional<Statistics> finalStatistics(String stderrText) {
        Long captured = null;
        Long received = null;
        Long dropped = null;
        for (String line : stderrText.split("\n")) {
            Matcher m = FINAL_STATISTIC.matcher(line.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "captured" -> captured = n;
                    case "received by filter" -> received = n;
                    default -> dropped = n;
                }
            }
        }
        return captured == null || received == null || dropped == null ? Optional.empty()
                : Optional.of(new Statistics(captured, received, dropped));
    }

    /** The one-line report tcpdump prints on SIGUSR1, if {@code line} is one. */
    static Optional<Statistics> requestedStatistics(String line) {
        Matcher m = REQUESTED_STATISTICS.matcher(line);
        return m.find() ? Optional.of(new Statistics(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)))) : Optional.empty();
    }

    /**
     * Polls the file's size until it is unchanged over one poll while tcpdump sleeps; false when
     * {@link #QUIET_WITHIN} ran out first (the statistics then tell whether anything was missed).
     */
    private boolean awaitQuietFile() throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_WITHIN.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long size = sizeOf(spec.file());
            if (size == last && (stderr.sleeping() || stderr.ended())) {
                return true;
            }
            last = size;
            Thread.sleep(QUIET_POLL_MILLIS);
        }
        return false;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String where(CaptureSpec spec) {
        return spec.device() + spec.namespace().map(ns -> " in namespace " + ns).orElse("");
    }

    /** Closes the watching shell's stdin: it sends tcpdump SIGTERM and waits for it. */
    private static void endWatch(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the shell is gone already: nothing left to tell
        }
    }

    /** SIGKILL to tcpdump and its shell, for a tcpdump that ignored SIGTERM. */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * tcpdump's stderr, line by line, read on a daemon thread so the pipe never fills, with a signal
     * for its "listening on" line; and tcpdump's own process, the shell's child, watched through
     * {@code /proc} (the shell reaps it only after stop, so until then it is alive or a zombie).
     */
    static final class StderrLines {
        private final StringBuffer text = new StringBuffer();
        private final CountDownLatch listening = new CountDownLatch(1);
        private final java.util.concurrent.BlockingQueue<Statistics> requested =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread thread;
        private final Process shell;
        private ProcessHandle tcpdump;

        private StderrLines(Process shell) {
            this.shell = shell;
            this.thread = new Thread(this::pump, "tcpdump-stderr-" + shell.pid());
            this.thread.setDaemon(true);
        }

        static StderrLines follow(Process shell) {
            StderrLines lines = new StderrLines(shell);
            lines.thread.start();
            return lines;
        }

        private void pump() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(shell.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    text.append(line).append('\n');
                    if (line.contains("listening on ")) {
                        listening.countDown();
                    }
                    requestedStatistics(line).ifPresent(requested::add);
                }
            } catch (IOException e) {
                text.append("<stderr ended: ").append(e.getMessage()).append(">\n");
            }
        }

        /**
         * True once "listening on" was printed; false when tcpdump or its shell ended first, or the
         * time ran out.
         */
        boolean awaitListening(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (listening.await(10, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (!shell.isAlive() || ended()) {
                    return listening.getCount() == 0;
                }
            }
            return false;
        }

        /**
         * Sends tcpdump SIGUSR1 and waits for the statistics it prints in answer; empty when none
         * came within {@code limit}. Safe: tcpdump is the shell's unreaped child, so its pid is its own.
         */
        Optional<Statistics> requestStatistics(Duration limit) throws InterruptedException {
            Optional<ProcessHandle> t = tcpdump();
            if (t.isEmpty() || !running(t.get())) {
                return Optional.empty();
            }
            try {
                if (!BoundedCommand.run("kill", "-USR1", String.valueOf(t.get().pid())).succeeded()) {
                    return Optional.empty();
                }
            } catch (CommandFailedException e) {
                return Optional.empty();
            }
            return Optional.ofNullable(requested.poll(limit.toMillis(), TimeUnit.MILLISECONDS));
        }

        /** tcpdump was seen and has exited since (a zombie the shell has not reaped, or gone). */
        boolean ended() {
            Optional<ProcessHandle> t = tcpdump();
            return t.isPresent() && !running(t.get());
        }

        /** True when tcpdump runs and is blocked waiting for packets (state S), i.e. has none in hand. */
        boolean sleeping() {
            return tcpdump().map(t -> state(t).equals("S")).orElse(false);
        }

        /** tcpdump's process, once the shell has exec'd it; its pid is kept while it is a zombie. */
        private Optional<ProcessHandle> tcpdump() {
            if (tcpdump == null) {
                shell.children().filter(c -> c.info().command().map(cmd -> cmd.endsWith("/tcpdump")).orElse(false))
                        .findFirst().ifPresent(c -> tcpdump = c);
            }
            return Optional.ofNullable(tcpdump);
        }

        private static boolean running(ProcessHandle handle) {
            String s = state(handle);
            return !s.isEmpty() && !s.equals("Z") && !s.equals("X");
        }

        /** The state letter from {@code /proc/PID/stat}, empty when the process is gone. */
        private static String state(ProcessHandle handle) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "stat"));
                int close = stat.lastIndexOf(')');
                return stat.substring(close + 2, close + 3);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        void awaitEnd(Duration limit) throws InterruptedException {
            thread.join(limit.toMillis());
        }

        String text() {
            return text.toString();
        }
    }
}
