package io.closebench.placement;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Thread placement through the kernel's own calls, {@code sched_setaffinity} and
 * {@code sched_getaffinity}, and {@code gettid}, through JNA: the JDK has none of them. Pinning
 * applies to a kernel thread; a virtual thread is pinned through the carrier it runs on.
 *
 * <p>Where JNA cannot load the C library, or the kernel refuses the call, {@link #unavailableReason()}
 * says why, and the placements that pin are skipped with that reason by their callers, never run
 * unpinned in their name.
 *
 * <p>{@link #allowed()} is the process's affinity mask when this class was first used: the CPUs
 * closebench may place threads on ({@code taskset -c 0 ./closebench} gives one).
 */
public final class Affinity {

    /** 1024 CPUs, glibc's {@code CPU_SETSIZE}. */
    private static final int MASK_WORDS = 16;

    private interface LibC extends Library {
        int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

        int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

        int gettid();
    }

    private static final LibC LIBC;
    private static final String UNAVAILABLE;
    private static final CpuSet ALLOWED;

    static {
        LibC lib = null;
        String why = null;
        CpuSet allowed = null;
        try {
            lib = Native.load("c", LibC.class);
            long[] mask = new long[MASK_WORDS];
            lib.sched_getaffinity(0, new NativeLong(MASK_WORDS * 8L), mask);
            allowed = CpuSet.fromMask(mask);
            lib.gettid();
        } catch (LastErrorException e) {
            why = "sched_getaffinity failed: errno " + e.getErrorCode();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | RuntimeException e) {
            why = "JNA cannot call the C library here: " + e;
            lib = null;
        }
        LIBC = why == null ? lib : null;
        UNAVAILABLE = why;
        ALLOWED = allowed != null ? allowed : procAllowed();
    }

    private Affinity() {
    }

    /** @return why threads cannot be placed here, or empty when they can */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** @return the CPUs this process was allowed when closebench started */
    public static CpuSet allowed() {
        return ALLOWED;
    }

    /** @return the calling thread's kernel thread id (its carrier's, on a virtual thread) */
    public static int currentTid() {
        if (LIBC != null) {
            return LIBC.gettid();
        }
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Pins the calling thread (its carrier, on a virtual thread) to {@code cpus}. */
    public static void pinCurrentThread(CpuSet cpus) {
        pin(0, cpus);
    }

    /**
     * Pins kernel thread {@code tid} of this process (0: the caller) to {@code cpus}.
     *
     * @throws IllegalStateException when placement is unavailable or the kernel refuses
     */
    public static void pin(int tid, CpuSet cpus) {
        if (LIBC == null) {
            throw new IllegalStateException("thread placement unavailable: " + UNAVAILABLE);
        }
        if (cpus.isEmpty() || !ALLOWED.containsAll(cpus)) {
            throw new IllegalArgumentException("CPUs " + cpus + " are not within this process's " + ALLOWED);
        }
        try {
            LIBC.sched_setaffinity(tid, new NativeLong(MASK_WORDS * 8L), cpus.toMask(MASK_WORDS));
        } catch (LastErrorException e) {
            throw new IllegalStateException("sched_setaffinity(" + tid + ", " + cpus + ") failed: errno " + e.getErrorCode(), e);
        }
    }

    /** Lets the calling thread run anywhere this process may (undoes a pin). */
    public static void unpinCurrentThread() {
        if (LIBC != null) {
            pin(0, ALLOWED);
        }
    }

    /**
     * The affinity of one of this process's threads as the kernel reports it in
     * {@code /proc/self/task/<tid>/status} ({@code Cpus_allowed_list}): what a test or a reader can
     * check independently of the call that set it.
     */
    public static Optional<CpuSet> ofThread(int tid) {
        return cpusAllowedIn(Path.of("/proc/self/task/" + tid + "/status"));
    }

    /** The same for thread {@code tid} of another process {@code pid} (the C observer's threads). */
    public static Optional<CpuSet> ofThread(long pid, int tid) {
        return cpusAllowedIn(Path.of("/proc/" + pid + "/task/" + tid + "/status"));
    }

    /** The same for a whole process (its main thread), e.g. a child peer. */
    public static Optional<CpuSet> ofProcess(long pid) {
        return cpusAllowedIn(Path.of("/proc/" + pid + "/status"));
    }

    private static Optional<CpuSet> cpusAllowedIn(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> CpuSet.parse(l.substring(l.indexOf(':') + 1))).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CpuSet procAllowed() {
        return cpusAllowedIn(Path.of("/proc/self/status"))
                .orElseGet(() -> CpuSet.parse("0-" + (Runtime.getRuntime().availableProcessors() - 1)));
    }
}
