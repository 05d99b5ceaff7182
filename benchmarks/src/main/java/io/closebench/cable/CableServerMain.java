package io.closebench.cable;

import io.closebench.fault.ChildLifetime;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server host: a child JVM started inside the server's network namespace, so its sockets
 * really live there. It runs one {@link WatchedGroup} per group of connections, each with its
 * observer model, and reports in {@link ChildMessage}s: {@code LISTENING group port},
 * {@code ACCEPTED group index port}, {@code READY}, {@code STARTED nanoTime},
 * {@code CARRIER 0|1 nanoTime}, {@code OUTCOME ...} ({@link OutcomeLine}), {@code DONE},
 * {@code FAILED text}; it takes {@code START}, {@code FAULT t0 boundAt}, {@code PLUGGED t} and
 * {@code END}. It halts when stdin closes (the harness is gone) or after its time cap, so it never
 * outlives the harness.
 *
 * <p>Arguments: {@code bindAddress capSeconds cableDevice observerCpus peerAddress:port group...}
 * ({@link ServerGroupSpec}); {@code observerCpus} is a CPU list or "unpinned"; the peer's address
 * and service port are where the groups of a reconnect fault connect to after the fault.
 */
public final class CableServerMain {

    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private CableServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildReporter out = new ChildReporter();
        InetAddress bind = InetAddress.getByName(args[0]);
        long capSeconds = Long.parseLong(args[1]);
        String device = args[2];
        Optional<CpuSet> cpus = args[3].equals("unpinned") ? Optional.empty() : Optional.of(CpuSet.parse(args[3]));
        cpus.ifPresent(Affinity::pinCurrentThread);
        List<ServerGroupSpec> specs = new ArrayList<>();
        int colon = args[4].lastIndexOf(':');
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(args[4].substring(0, colon)),
                Integer.parseInt(args[4].substring(colon + 1)));
        for (int i = 5; i < args.length; i++) {
            specs.add(ServerGroupSpec.decode(args[i]));
        }
        TrialControl control = new TrialControl(specs.stream().mapToInt(ServerGroupSpec::connections).sum(), out);
        ChildLifetime.haltAfter(capSeconds);
        ChildLifetime.followStdin(line -> command(ChildMessage.parse(line), control));
        try {
            List<WatchedGroup> groups = new ArrayList<>();
            for (ServerGroupSpec spec : specs) {
                WatchedGroup g = new WatchedGroup(spec, control, out, cpus, bind, peer);
                out.line(ChildMessage.of(Word.LISTENING, spec.id(), g.listen(bind)));
                groups.add(g);
            }
            long acceptBy = System.nanoTime() + SETUP_NANOS;
            for (WatchedGroup g : groups) {
                g.acceptAll(acceptBy);
            }
            out.line(ChildMessage.of(Word.READY));
            if (!control.awaitStart(SETUP_NANOS)) {
                throw new IOException("no START within " + TimeUnit.NANOSECONDS.toSeconds(SETUP_NANOS) + " s");
            }
            CarrierWatch.start(device, control, out);
            long now = System.nanoTime();
            for (WatchedGroup g : groups) {
                g.start(now);
            }
            out.line(ChildMessage.of(Word.STARTED, now));
        } catch (Exception | LinkageError e) {
            out.line(ChildMessage.of(Word.FAILED, e));
            Runtime.getRuntime().halt(2);
        }
        // the groups' threads do the rest; END or EOF on stdin halts the JVM
        Thread.currentThread().join();
    }

    private static void command(ChildMessage m, TrialControl control) {
        switch (m.word()) {
            case START -> control.start();
            case FAULT -> control.fault(m.longField(0), m.longField(1));
            case PLUGGED -> control.plugged(m.longField(0));
            case END -> Runtime.getRuntime().halt(0);
            default -> throw new IllegalArgumentException("not a command for the server host: " + m.format());
        }
    }
}
