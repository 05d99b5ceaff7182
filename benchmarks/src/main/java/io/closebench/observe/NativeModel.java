package io.closebench.observe;

import io.closebench.schema.DetectedBy;
import io.closebench.transport.IoResult;
import io.closebench.transport.SocketHome;
import io.closebench.floor.FloorProgram;
import io.closebench.floor.NativeFloor;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.NativeConnection;
import io.closebench.transport.NativeListener;
import io.closebench.transport.NativeObserverProcess;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The C observers ({@link Observer#NATIVE}, {@link Observer#NATIVE_EPOLL},
 * {@link Observer#NATIVE_NOSIGNAL}): the observer's sockets live in a C program, the native floor's
 * own, compiled at run time ({@link NativeFloor#program()}) and run as a child process for as long
 * as the side is open ({@link NativeObserverProcess}); the peer stays the harness's.
 *
 * <p>A probe runs whole in the program, follow-up included, so that no pipe round trip lies inside
 * t1 - t0: the program takes t0 itself where the observer acts after the fault (once its own
 * request thread sleeps again), and stamps every call with CLOCK_MONOTONIC, which is
 * {@code System.nanoTime()}'s clock on Linux. "Asleep" is the program's two threads in state S in
 * the kernel, once the probe has said it is about to make its first call.
 *
 * <p>What it reports is what the note reports: each call's errno by name and number, and whether
 * SIGPIPE was raised. It runs the matrix's loopback cases; it watches no background connections
 * and sets no socket options (the cable and mass death are the Java models' alone).
 */
final class NativeModel implements ObserverModel {

    private final Observer id;
    private final NativeObserverProcess.Api api;
    private final NativeObserverProcess.Signals signals;

    NativeModel(Observer id, NativeObserverProcess.Api api, NativeObserverProcess.Signals signals) {
        this.id = id;
        this.api = api;
        this.signals = signals;
    }

    @Override
    public Observer id() {
        return id;
    }

    /** Why the program cannot run here: no C compiler, or it did not compile (the first call compiles it). */
    @Override
    public Optional<String> unavailableReason() {
        FloorProgram program = NativeFloor.program();
        return program.available() ? Optional.empty()
                : Optional.of(program.unavailableReason().replaceFirst("^skipped: ", ""));
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock, SocketHome home) throws IOException {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(id + " cannot run here: " + why);
        });
        if (home != SocketHome.HERE) {
            throw new IllegalStateException(id + " makes its sockets in its own process, in this host's network "
                    + "namespace: it runs the loopback cases only");
        }
        NativeObserverProcess process = NativeObserverProcess.start(NativeFloor.program().executable(), api, signals, cpus);
        try {
            ObserverThread thread = new ObserverThread(name, false, null, cpus);
            // the thread that sleeps in the kernel is the program's, not this one, which only hands it the calls
            thread.watchInstead(AsleepCheck.threadsOf(process.pid(), process.threads(), () -> !process.probeStarting()));
            return new Side(thread, process, clock);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final NativeObserverProcess process;
        private final LongSupplier clock;

        Side(ObserverThread thread, NativeObserverProcess process, LongSupplier clock) {
            this.thread = thread;
            this.process = process;
            this.clock = clock;
        }

        @Override
        public Observer id() {
            return id;
        }

        @Override
        public ObserverThread thread() {
            return thread;
        }

        @Override
        public Listener listen(InetSocketAddress bindTo) throws IOException {
            return new NativeListener(process, bindTo, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            return new NativeConnection(process, process.connect(to, deadline), clock);
        }

        /** The program's own connect, bounded by the dial's timeout (else a minute), from a thread of its own. */
        @Override
        public Dialing dial(Dial dial, DialHandler handler) {
            if (dial.from().isPresent() || !dial.settings().equals(SocketSettings.NONE)) {
                throw new IllegalArgumentException(id + " connects from no chosen address and sets no socket options: "
                        + "the C observer runs the matrix's loopback cases only");
            }
            Thread connecting = new Thread(() -> {
                long startedAt = clock.getAsLong();
                handler.started(startedAt);
                long deadline = startedAt + dial.timeout().orElse(java.time.Duration.ofMinutes(1)).toNanos();
                try {
                    NativeConnection c = new NativeConnection(process, process.connect(dial.to(), deadline), clock);
                    handler.connected(c, clock.getAsLong());
                } catch (IOException e) {
                    handler.failed(IoResult.failed(e, clock.getAsLong()));
                }
            }, id.name().toLowerCase() + "-connect");
            connecting.setDaemon(true);
            connecting.start();
            return () -> { };
        }

        @Override
        public Watch watch(Connection connection, WatchHandler handler) throws IOException {
            throw new IOException(id + " watches no background connections: the C observer runs the matrix's "
                    + "loopback cases only");
        }

        @Override
        public void configure(Connection connection, SocketSettings settings) {
            if (!settings.equals(SocketSettings.NONE)) {
                throw new IllegalArgumentException(id + " sets no socket options: the C observer runs the matrix's "
                        + "loopback cases only");
            }
        }

        /**
         * The probe and its follow-up, whole, in the program: the same calls as {@link Probe} and
         * {@link FollowUp}, made in C. A program that fails or does not answer is the harness's
         * failure (thrown), not an outcome.
         */
        @Override
        public ProbeRun probe(Connection c, Probe probe, ProbeLimits limits, ByteBuffer scratch, long until,
                              long followUpNanos, Runnable armed, boolean takesT0, LongSupplier clock) {
            NativeConnection n = (NativeConnection) c;
            try {
                NativeObserverProcess.ProbeAnswer a = process.probe(n.handle(), probe.name(), limits.writeChunk(),
                        limits.maxWrites(), until, followUpNanos, armed, takesT0);
                ProbeResult r = new ProbeResult(a.decisive(), DetectedBy.valueOf(a.detectedBy()), a.bytesRead(),
                        a.writesAccepted(), a.bytesWritten());
                return new ProbeRun(r, new FollowUp(a.nextRead(), a.nextWrite()), a.t0());
            } catch (IOException e) {
                throw new UncheckedIOException("the C observer's probe failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            thread.close();
            process.close();
        }
    }
}
