package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the server host's end of the cable from inside its namespace (where {@code ip netns exec}
 * mounted that namespace's own {@code /sys}), reading {@code /sys/class/net/DEV/carrier} every
 * millisecond, and reports each change as {@code CARRIER <0|1> <nanoTime>}.
 *
 * <p>Why: t0 is taken before the {@code ip link set down} process is even spawned, so the link
 * changes some milliseconds later. The first {@code 0} seen here bounds that offset from above
 * (to within the 1 ms poll), so every trial says how much of each measured time is the
 * {@code ip} command's own start-up. It also marks when the server's sends stop reaching the peer,
 * from which the first unacknowledged send is known.
 */
final class CarrierWatch {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private CarrierWatch() {
    }

    static void start(String device, TrialControl control, ChildReporter out) {
        Path carrier = Path.of("/sys/class/net", device, "carrier");
        Thread t = new Thread(() -> watch(carrier, control, out), "carrier-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void watch(Path carrier, TrialControl control, ChildReporter out) {
        int last = read(carrier);
        if (last < 0) {
            out.line(ChildMessage.of(Word.CARRIER, "unknown", -1));
            return;
        }
        while (true) {
            LockSupport.parkNanos(POLL_NANOS);
            int now = read(carrier);
            long t = System.nanoTime();
            if (now >= 0 && now != last) {
                if (now == 0) {
                    control.carrierLost(t);
                }
                out.line(ChildMessage.of(Word.CARRIER, now, t));
                last = now;
            }
        }
    }

    /** 1 or 0; -1 when it cannot be read (no such device, or sysfs not mounted for this namespace). */
    private static int read(Path carrier) {
        try {
            String s = Files.readString(carrier).trim();
            return s.equals("1") ? 1 : s.equals("0") ? 0 : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
