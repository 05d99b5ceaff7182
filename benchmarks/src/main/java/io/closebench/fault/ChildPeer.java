package io.closebench.fault;

import io.closebench.schema.T0Source;

import io.closebench.fault.ChildMessage.Word;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving peer in a real child process (a JVM or bash), for the cases where the process
 * itself ends: exit without close, or {@code kill -9}. It talks to the harness in
 * {@link ChildMessage}s through a {@link ChildProcess}: {@code CONNECTED}, {@code READ},
 * {@code SENT} after each completed write, {@code T0} right before the call that ends it; it starts
 * on {@code GO}. {@link #close()} kills and reaps the child whatever state it is in; a child also
 * ends by itself when its stdin closes or its time cap passes.
 */
public final class ChildPeer implements Peer {

    private static final String BASH_SCRIPT = loadBashScript();

    private final ChildProcess process;
    private final String token;
    private final ChildMode mode;
    private final long killAfterBytes;
    private final T0Source t0Source;
    private long sent;
    private long t0Nanos = Long.MIN_VALUE;

    private ChildPeer(ChildProcess process, String token, ChildMode mode, long killAfterBytes, T0Source t0Source) {
        this.process = process;
        this.token = token;
        this.mode = mode;
        this.killAfterBytes = killAfterBytes;
        this.t0Source = t0Source;
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
            // a peer that starts fast: it does a few writes and must not pay for a full JIT or GC setup
            case JVM_CHILD -> command.addAll(ChildClassPath.jvmCommand(ChildPeerMain.class, "-Xmx32m", args));
            case BASH_CHILD -> {
                command.addAll(List.of("bash", "-c", BASH_SCRIPT, "peer.sh"));
                command.addAll(args);
            }
            default -> throw new IllegalArgumentException(runtime + " is not a child runtime");
        }
        ChildProcess p = ChildProcess.start(runtime.label() + " peer", new ProcessBuilder(command).redirectErrorStream(true));
        return new ChildPeer(p, token, script.mode(), killAfterBytes,
                runtime == PeerRuntime.BASH_CHILD ? T0Source.CHILD_REALTIME : T0Source.CHILD);
    }

    /** The bytes the child sends first on its connection, so the parent knows it is this child's. */
    public String token() {
        return token;
    }

    public long pid() {
        return process.pid();
    }

    /** Nothing: the child's script reads and sends as it was told when it started. */
    @Override
    public void prepare(PeerPreparation preparation, long deadline) {
    }

    /** Tells the child to start sending (and then to end as its script says). */
    @Override
    public void whileObserverProbes(long deadline) throws IOException {
        process.send(ChildMessage.of(Word.GO));
    }

    @Override
    public boolean faultByHarness() {
        return mode == ChildMode.STREAM;
    }

    /** SIGKILL once the child has sent {@code killAfterBytes}; t0 is the clock right before the signal. */
    @Override
    public long injectFault(long deadline) throws IOException, InterruptedException {
        while (sent < killAfterBytes) {
            ChildMessage m = process.poll(deadline);
            if (m == null) {
                throw new IOException("child never sent " + killAfterBytes + " B before the deadline; it said: "
                        + process.diagnostics());
            }
            take(m);
        }
        long t0 = System.nanoTime();
        process.kill();
        return t0;
    }

    @Override
    public PeerReport report(long deadline) throws InterruptedException {
        if (mode == ChildMode.CLOSE_THEN_EXIT) {
            // its socket is closed right after T0: what is left is the exit, which in a JVM takes 300 ms (HotSpot
            // waits for the thread blocked reading stdin) and changes nothing the observer sees. Killed, not awaited.
            try {
                for (ChildMessage m; t0Nanos == Long.MIN_VALUE && (m = process.poll(deadline)) != null; ) {
                    take(m);
                }
            } catch (IOException ended) {
                // its output ended first: the drain below says what it reported
            }
            process.kill();
        }
        boolean exited = process.awaitExit(deadline);
        process.drain(deadline + TimeUnit.SECONDS.toNanos(5)).forEach(this::take);
        if (faultByHarness()) {
            return PeerReport.sent(sent, "", -1);
        }
        if (t0Nanos == Long.MIN_VALUE) {
            return new PeerReport(sent, Long.MIN_VALUE, t0Source, "", -1, "child reported no t0 (exit "
                    + process.exitValue() + (exited ? "" : ", killed at the deadline") + "): " + process.diagnostics());
        }
        return new PeerReport(sent, t0Nanos, t0Source, "", -1, "");
    }

    private void take(ChildMessage m) {
        switch (m.word()) {
            case SENT -> sent = m.longField(0);
            case T0 -> t0Nanos = m.longField(0);
            case T0R -> t0Nanos = RealtimeToMonotonic.toNanoTime(RealtimeToMonotonic.parseEpochRealtime(m.field(0)));
            default -> {
                // CONNECTED, READ: progress only
            }
        }
    }

    @Override
    public void close() {
        process.close();
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
}
