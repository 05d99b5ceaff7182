package io.closebench.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving peer in a real child process (a JVM or bash), for the cases where the process
 * itself ends: exit without close, or {@code kill -9}.
 *
 * <p>The parent reads the child's stdout on a thread of its own, so that the child never blocks on
 * a full pipe while it streams. {@link #close()} kills and reaps the child whatever state it is
 * in; a child also ends by itself when its stdin closes or its time cap passes.
 */
public final class ChildPeer implements Peer {

    private static final String BASH_SCRIPT = loadBashScript();
    private static final int DIAGNOSTIC_LINES = 6;

    private final Process process;
    private final String token;
    private final ChildMode mode;
    private final long killAfterBytes;
    private final String t0Source;
    private final Thread reader;
    private final ArrayDeque<String> diagnostics = new ArrayDeque<>();
    private long sent;
    private long t0Nanos = Long.MIN_VALUE;
    private boolean stdoutEnded;

    private ChildPeer(Process process, String token, ChildMode mode, long killAfterBytes, String t0Source) {
        this.process = process;
        this.token = token;
        this.mode = mode;
        this.killAfterBytes = killAfterBytes;
        this.t0Source = t0Source;
        this.reader = new Thread(this::readReports, "child-" + process.pid() + "-stdout");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts a child that will connect to {@code target} and follow {@code script}; one that streams
     * until killed ({@link ChildMode#STREAM}) is killed once it has sent {@code killAfterBytes}. The
     * child inherits the CPU affinity of the calling thread: the harness starts it from its
     * fault-injecting thread, placed where the peer belongs.
     */
    public static ChildPeer start(PeerRuntime runtime, InetSocketAddress target, ChildScript script, long killAfterBytes)
            throws IOException {
        String token = newToken();
        List<String> args = List.of(target.getAddress().getHostAddress(), String.valueOf(target.getPort()), token,
                String.valueOf(script.readBytes()), String.valueOf(script.sendBytes()),
                String.valueOf(script.chunk()), script.mode().name(), String.valueOf(script.capSeconds()));
        List<String> command = new ArrayList<>();
        switch (runtime) {
            case JVM_CHILD -> {
                command.add(ChildClassPath.javaLauncher());
                // a peer that starts fast: it does a few writes and must not pay for a full JIT or GC setup
                command.addAll(ChildClassPath.FAST_START_FLAGS);
                command.addAll(List.of("-Xmx32m", "-Xss512k", "-cp", ChildClassPath.get(), ChildPeerMain.class.getName()));
            }
            case BASH_CHILD -> command.addAll(List.of("bash", "-c", BASH_SCRIPT, "peer.sh"));
            default -> throw new IllegalArgumentException(runtime + " is not a child runtime");
        }
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        LiveChildren.add(p);
        return new ChildPeer(p, token, script.mode(), killAfterBytes,
                runtime == PeerRuntime.BASH_CHILD ? "child-realtime" : "child");
    }

    /** Nothing: the child's script reads and sends as it was told when it started. */
    @Override
    public void prepare(PeerPreparation preparation, long deadline) {
    }

    @Override
    public void whileObserverProbes(long deadline) throws IOException {
        go();
    }

    @Override
    public boolean faultByHarness() {
        return mode == ChildMode.STREAM;
    }

    /** SIGKILL once the child has sent {@code killAfterBytes}; t0 is the clock right before the signal. */
    @Override
    public long injectFault(io.closebench.transport.Connection observed, long deadline)
            throws IOException, InterruptedException {
        if (!awaitSent(killAfterBytes, deadline)) {
            throw new IOException("child never sent " + killAfterBytes + " B before the deadline");
        }
        return kill();
    }

    @Override
    public PeerReport report(long deadline) throws InterruptedException {
        ChildReport r = awaitExit(deadline);
        if (faultByHarness()) {
            return PeerReport.sent(r.bytesSent(), "");
        }
        if (r.t0().isEmpty()) {
            return new PeerReport(r.bytesSent(), Long.MIN_VALUE, t0Source, "",
                    "child reported no t0 (exit " + r.exitCode() + "): " + r.diagnostics());
        }
        return new PeerReport(r.bytesSent(), r.t0().getAsLong(), t0Source, "", "");
    }

    /** The bytes the child sends first on its connection, so the parent knows it is this child's. */
    public String token() {
        return token;
    }

    public long pid() {
        return process.pid();
    }

    /** Tells the child to start sending (and then to end as its script says). */
    private void go() throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    /** Waits until the child has completed writes totalling at least {@code bytes}; false at the deadline. */
    public synchronized boolean awaitSent(long bytes, long deadline) throws InterruptedException {
        while (sent < bytes && !stdoutEnded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return sent >= bytes;
    }

    /** SIGKILL. Returns t0, the clock read right before the signal was sent. */
    private long kill() {
        long t0 = System.nanoTime();
        process.destroyForcibly(); // SIGKILL on Linux
        return t0;
    }

    /** Waits for the child to exit and its stdout to end, then returns what it reported. */
    public ChildReport awaitExit(long deadline) throws InterruptedException {
        boolean exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (this) {
            OptionalLong t0 = t0Nanos == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(t0Nanos);
            String diag = (exited ? "" : "did not exit before the deadline; killed. ") + String.join(" | ", diagnostics);
            return new ChildReport(sent, t0, process.exitValue(), diag);
        }
    }

    private void readReports() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                onLine(line);
            }
        } catch (IOException ignored) {
            // the child is gone; whatever it reported so far stands
        } finally {
            synchronized (this) {
                stdoutEnded = true;
                notifyAll();
            }
        }
    }

    private synchronized void onLine(String line) {
        if (line.startsWith("SENT ")) {
            sent = Long.parseLong(line.substring(5));
            notifyAll();
        } else if (line.startsWith("T0 ")) {
            t0Nanos = Long.parseLong(line.substring(3));
        } else if (line.startsWith("T0R ")) {
            t0Nanos = RealtimeToMonotonic.toNanoTime(RealtimeToMonotonic.parseEpochRealtime(line.substring(4)));
        } else if (!line.startsWith("CONNECTED ") && !line.startsWith("READ ")) {
            if (diagnostics.size() == DIAGNOSTIC_LINES) {
                diagnostics.removeFirst();
            }
            diagnostics.addLast(line);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LiveChildren.remove(process);
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
        }
    }

    private static String newToken() {
        return String.format("cb%014x", ThreadLocalRandom.current().nextLong() >>> 8);
    }


    private static String loadBashScript() {
        try (InputStream in = ChildPeer.class.getResourceAsStream("peer.sh")) {
            if (in == null) {
                throw new IllegalStateException("peer.sh is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // teardown
        }
    }
}
