package io.closebench.observe;

import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;
import java.util.List;
import java.util.Optional;

/**
 * "Asleep at the fault" for a virtual thread, which has no kernel thread of its own while it waits:
 * blocked in a socket read, it is parked (Java state WAITING or TIMED_WAITING) with its socket
 * registered with the JDK's poller, and nothing in the kernel is waiting on its behalf but the
 * poller. So the observer counts as asleep when
 * <ol>
 *   <li>the virtual thread is parked,</li>
 *   <li>every carrier thread of the virtual-thread scheduler sleeps in the kernel (none is running
 *       it or anything else: the wake-up will have to start one), and</li>
 *   <li>every JDK poller thread sleeps in {@code epoll_wait}: on Linux with JDK 22 and later the
 *       {@code MasterPoller} (its sub-pollers are virtual threads, parked), on JDK 21 the
 *       {@code Read-Poller} and {@code Write-Poller} threads.</li>
 * </ol>
 * The wake-up path it measures is then the whole of a virtual thread's: the poller wakes, unparks
 * the virtual thread, a carrier wakes to run it.
 *
 * <p>Carriers and pollers are found by their kernel names ({@code ForkJoinPool-N-worker-M}, cut to
 * "ForkJoinPool-N-", and the poller names) and cached; the list is refreshed when one of them is
 * gone or every {@value #REFRESH_EVERY} checks, because the scheduler adds carriers on demand.
 * {@link #pin} places them all, which is how a virtual thread is placed.
 */
public final class VirtualThreadAsleep implements AsleepCheck {

    private static final int REFRESH_EVERY = 256;
    private static final List<String> POLLERS = List.of("MasterPoller", "Read-Poller", "Write-Poller");

    private final Thread virtual;
    private final Optional<CpuSet> cpus;
    private List<Integer> carriers = List.of();
    private List<Integer> pollers = List.of();
    private int checks;

    /** @param cpus where carriers and pollers are to run; empty: unpinned */
    public VirtualThreadAsleep(Thread virtual, Optional<CpuSet> cpus) {
        this.virtual = virtual;
        this.cpus = cpus;
    }

    /** Finds the carriers and pollers again, and pins them where this observer runs. */
    public synchronized void refresh() {
        carriers = KernelThreads.named(n -> n.startsWith("ForkJoinPool-"));
        pollers = KernelThreads.named(POLLERS::contains);
        if (cpus.isPresent()) {
            for (int tid : carriers) {
                pinQuietly(tid, cpus.get());
            }
            for (int tid : pollers) {
                pinQuietly(tid, cpus.get());
            }
        }
    }

    private static void pinQuietly(int tid, CpuSet cpus) {
        try {
            Affinity.pin(tid, cpus);
        } catch (IllegalStateException e) {
            // the thread ended between listing and pinning: the next refresh forgets it
        }
    }

    @Override
    public synchronized boolean asleep() {
        // the JDK starts its pollers with the first socket call of a virtual thread: look for them until then
        if (++checks % REFRESH_EVERY == 0 || carriers.isEmpty() || (pollers.isEmpty() && checks % 16 == 0)) {
            refresh();
        }
        Thread.State s = virtual.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        boolean gone = false;
        for (List<Integer> group : List.of(carriers, pollers)) {
            for (int tid : group) {
                char state = KernelThreads.state(tid);
                if (state == '-') {
                    gone = true;
                } else if (state != 'S') {
                    return false;
                }
            }
        }
        if (gone) {
            refresh();
        }
        // no poller yet means no socket call waits in one: the carriers' sleep is all there is to see
        return !carriers.isEmpty();
    }

    /** @return the carriers' and pollers' thread ids, as last found */
    public synchronized String threads() {
        return "carriers " + carriers + ", pollers " + pollers;
    }

    @Override
    public String describe() {
        return "virtual thread parked, carriers and JDK pollers in state S (" + threads() + ")";
    }
}
