package io.closebench.cable;

import io.closebench.fault.ChildLifetime;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server host: a child JVM started inside the server's network namespace, so its sockets
 * really live there. It runs one {@link ServerGroup} per group of connections and reports on
 * stdout, one line per event:
 * <pre>
 * LISTENING group port      a group's listener is bound
 * ACCEPTED group index port  a connection arrived (port: the client's)
 * READY                     all connections accepted
 * STARTED nanoTime          observation started (after START)
 * CARRIER 0|1 nanoTime       the server's end of the cable lost / regained carrier
 * OUTCOME ...               one connection decided ({@link OutcomeLine})
 * DONE                      every connection decided
 * FAILED text               the set-up failed
 * </pre>
 * and takes commands on stdin: {@code START}, {@code FAULT <t0> <boundAt>}, {@code PLUGGED <t>},
 * {@code END}. It halts when stdin closes (the harness is gone) or after its time cap, so it never
 * outlives the harness.
 *
 * <p>Arguments: {@code bindAddress capSeconds cableDevice group...} ({@link ServerGroupSpec}).
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
        List<ServerGroupSpec> specs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            specs.add(ServerGroupSpec.decode(args[i]));
        }
        TrialControl control = new TrialControl(specs.stream().mapToInt(ServerGroupSpec::connections).sum(), out);
        ChildLifetime.haltAfter(capSeconds);
        ChildLifetime.followStdin(line -> command(line, control));
        try {
            List<ServerGroup> groups = new ArrayList<>();
            for (ServerGroupSpec spec : specs) {
                ServerGroup g = switch (spec.observer()) {
                    case BLOCKING -> new BlockingServerGroup(spec, control, out);
                    case NIO -> new NioServerGroup(spec, control, out);
                    case NETTY_EPOLL -> new NettyServerGroup(spec, control, out);
                };
                out.line("LISTENING", String.valueOf(spec.id()), String.valueOf(g.listen(bind)));
                groups.add(g);
            }
            long acceptBy = System.nanoTime() + SETUP_NANOS;
            for (ServerGroup g : groups) {
                g.acceptAll(acceptBy);
            }
            out.line("READY");
            if (!control.awaitStart(SETUP_NANOS)) {
                throw new IOException("no START within " + TimeUnit.NANOSECONDS.toSeconds(SETUP_NANOS) + " s");
            }
            CarrierWatch.start(device, control, out);
            long now = System.nanoTime();
            for (ServerGroup g : groups) {
                g.start(now);
            }
            out.line("STARTED", String.valueOf(now));
        } catch (Exception | LinkageError e) {
            out.line("FAILED", e.toString());
            Runtime.getRuntime().halt(2);
        }
        // the groups' threads do the rest; END or EOF on stdin halts the JVM
        Thread.currentThread().join();
    }

    private static void command(String line, TrialControl control) {
        String[] f = line.split("\t");
        switch (f[0]) {
            case "START" -> control.start();
            case "FAULT" -> control.fault(Long.parseLong(f[2]));
            case "PLUGGED" -> control.plugged(Long.parseLong(f[1]));
            case "END" -> Runtime.getRuntime().halt(0);
            default -> throw new IllegalArgumentException("unknown command: " + line);
        }
    }
}
