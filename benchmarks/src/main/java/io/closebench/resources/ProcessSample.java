package io.closebench.resources;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This process as the kernel sees it at one instant: its threads, its resident memory, its open
 * file descriptors, and the CPU time all its threads have used ({@code CLOCK_PROCESS_CPUTIME_ID},
 * in nanoseconds). What noticing a mass death costs a server is the difference of two samples.
 *
 * @param threads kernel threads
 * @param rssBytes resident set size
 * @param fds open file descriptors
 * @param cpuNanos CPU time used so far, every thread
 */
public record ProcessSample(int threads, long rssBytes, int fds, long cpuNanos) {

    public static ProcessSample now() {
        int threads = -1;
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the figures stay -1
        }
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) open.count();
        } catch (IOException e) {
            fds = -1;
        }
        return new ProcessSample(threads, rss, fds, processCpuNanos());
    }

    /**
     * Bytes allocated so far by every thread this JVM has run, those that have ended included (a
     * thread-per-connection observer's readers end with their connection, inside the window):
     * the difference across the detection window is what detecting cost the heap, the JDK's own
     * exception objects for a reset included. -1 where the JVM cannot tell.
     */
    public static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    private interface LibC extends com.sun.jna.Library {
        int clock_gettime(int clock, long[] timespec) throws com.sun.jna.LastErrorException;
    }

    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    private static final class Clock {
        static final LibC LIBC = com.sun.jna.Native.load("c", LibC.class);
    }

    /**
     * CPU time of every thread of this process so far, to the nanosecond:
     * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}. (The JDK's {@code getProcessCpuTime} counts in
     * scheduler ticks here, 10 ms: too coarse for the CPU a millisecond of detections costs.)
     */
    public static long processCpuNanos() {
        long[] timespec = new long[2];
        try {
            Clock.LIBC.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, timespec);
            return timespec[0] * 1_000_000_000L + timespec[1];
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }
    }
}
