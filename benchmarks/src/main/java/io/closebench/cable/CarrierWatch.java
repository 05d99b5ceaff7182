package io.closebench.cable;

import io.closebench.fault.LiveChildren;
import io.closebench.netns.HostPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Watches the server host's end of the cable, reading its {@code carrier} file every millisecond
 * and stamping each change with the clock.
 *
 * <p>Why: t0 is taken before the {@code ip link set down} process is even spawned, so the link
 * changes some milliseconds later. The first carrier loss seen here bounds that offset from above
 * (to within the 1 ms poll), so every trial says how much of each measured time is the {@code ip}
 * command's own start-up. It also marks when the server's sends stop reaching the peer, from which
 * the first unacknowledged send is known.
 *
 * <p>How, from outside the namespace: the file lives in the namespace's own {@code /sys}, which
 * {@code ip netns exec} mounts for what it runs; a process left sleeping there ({@code sleep}) keeps
 * that view, and {@code /proc/PID/root} walks into it. Not the kernel's netlink announcements
 * ({@code ip monitor link}): a carrier change is announced by the link-watch worker, which batches
 * events up to a second (seen here: 0.7 s late), while {@code carrier} reads the driver's state itself.
 */
final class CarrierWatch implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the anchor process may take to enter the namespace and mount its {@code /sys}. */
    private static final long ANCHOR_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Process anchor;
    private final Path carrier;
    private final LongConsumer onLoss;
    /** Each change: carrier (1 or 0) and when it was seen. */
    private final List<long[]> changes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private CarrierWatch(Process anchor, Path carrier, LongConsumer onLoss) {
        this.anchor = anchor;
        this.carrier = carrier;
        this.onLoss = onLoss;
    }

    /**
     * Starts watching {@code pair}'s server device for at most {@code capSeconds}; {@code onLoss}
     * hears each carrier loss as it is seen.
     */
    static CarrierWatch start(HostPair pair, long capSeconds, LongConsumer onLoss) throws IOException, InterruptedException {
        Process anchor = pair.processIn(pair.serverNamespace(), "sleep", String.valueOf(capSeconds))
                .redirectErrorStream(true).start();
        LiveChildren.add(anchor);
        Path file = Path.of("/proc", String.valueOf(anchor.pid()), "root", "sys", "class", "net", pair.serverDevice(),
                "carrier");
        CarrierWatch w = new CarrierWatch(anchor, file, onLoss);
        try {
            long until = System.nanoTime() + ANCHOR_NANOS;
            while (w.read() < 0) {
                if (System.nanoTime() - until > 0 || !anchor.isAlive()) {
                    throw new IOException("cannot read the server's carrier at " + file);
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (IOException | InterruptedException e) {
            w.close();
            throw e;
        }
        Thread watching = new Thread(w::watch, "carrier-watch-" + pair.serverNamespace());
        watching.setDaemon(true);
        watching.start();
        return w;
    }

    private void watch() {
        int last = read();
        while (!closed) {
            LockSupport.parkNanos(POLL_NANOS);
            int now = read();
            long t = System.nanoTime();
            if (now >= 0 && now != last) {
                changes.add(new long[] {now, t});
                if (now == 0) {
                    onLoss.accept(t);
                }
                last = now;
            }
        }
    }

    /** 1 or 0; -1 when it cannot be read (not yet mounted, the device gone). */
    private int read() {
        try {
            String s = Files.readString(carrier).trim();
            return s.equals("1") ? 1 : s.equals("0") ? 0 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The first carrier loss seen at or after {@code t0}, or -1. */
    long lostAt(long t0) {
        return changes.stream().filter(c -> c[0] == 0 && c[1] - t0 >= 0).mapToLong(c -> c[1]).findFirst().orElse(-1);
    }

    @Override
    public void close() {
        closed = true;
        anchor.destroyForcibly();
        try {
            anchor.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
