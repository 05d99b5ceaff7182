package io.closebench.trace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own account of some TCP connections, from its tracepoints ({@link TracedEvent}),
 * recorded through tracefs in an instance of its own: no perf, no BPF.
 *
 * <p>{@link #start} creates the instance ({@code <tracefs>/instances/cb-<pid>-trace-<n>}), sets its
 * clock to {@code mono}, bounds its ring buffer, writes the {@link TraceFilter} as each event's
 * kernel filter, enables the chosen events and turns tracing on. {@link #stop} turns it off, reads
 * what the buffer holds and removes the instance. Nothing is read while the trace runs: no reader
 * competes with the program being measured, and the buffer is sized so that a trial fits; the
 * buffer does not overwrite ({@code options/overwrite} 0), so when it is full the newest events are
 * refused, the record keeps its beginning whole, and every refused event is counted
 * ({@link KernelTraceRecord#lostEvents()}).
 *
 * <p>Timestamps: the instance's {@code trace_clock} is {@code mono}, which is
 * {@code ktime_get_mono_fast_ns()} ({@code kernel/trace/trace.c}, {@code trace_clocks[]}):
 * CLOCK_MONOTONIC. HotSpot's {@link System#nanoTime()} on Linux is
 * {@code clock_gettime(CLOCK_MONOTONIC)} ({@code os::javaTimeNanos()},
 * {@code src/hotspot/os/posix/os_posix.cpp}). So an event's {@link KernelEvent#monotonicNanos()} and
 * {@code System.nanoTime()} are one clock (KernelTraceTest checks it on the machine it runs on).
 * The {@code trace} file prints that clock in microseconds; the record keeps nanoseconds by reading
 * the file a second time with {@code options/raw} ({@link TraceText}).
 *
 * <p>Nothing is left behind: the instance is removed by {@link #stop}, by {@link #close} (also after
 * a failure), by a failure inside {@link #start} itself, and at JVM shutdown
 * ({@link OpenTracesRemovedAtShutdown}); instances of dead earlier JVMs are removed by the next
 * {@link #start}. Needs root (CAP_SYS_ADMIN for tracefs); {@link KernelTraceAvailability} says
 * whether this machine can. Thread-safe.
 */
public final class KernelTrace implements AutoCloseable {

    /** Per CPU: at about 100 bytes an event, some 40000 events per CPU. */
    public static final int DEFAULT_BUFFER_KB_PER_CPU = 4096;
    /** The smallest and largest buffer accepted, per CPU. */
    public static final int MIN_BUFFER_KB_PER_CPU = 64;
    public static final int MAX_BUFFER_KB_PER_CPU = 256 * 1024;

    /** A printed event is never near this many times its size in the buffer (about 500 bytes against 84). */
    private static final int PRINTED_PER_BUFFER_BYTE = 16;
    /** After tracing_on 0, an event whose write had begun completes within microseconds (preemption is off). */
    private static final long SETTLE_MILLIS = 10;
    private static final Pattern STAT = Pattern.compile("^(overrun|commit overrun|dropped events): (\\d+)$", Pattern.MULTILINE);

    private final TraceInstance instance;
    private final Set<TracedEvent> events;
    private final Map<Integer, TracedEvent> ids;
    private final int bufferKbPerCpu;
    private boolean stopped;
    private boolean removed;

    private KernelTrace(TraceInstance instance, Set<TracedEvent> events, Map<Integer, TracedEvent> ids, int bufferKbPerCpu) {
        this.instance = instance;
        this.events = events;
        this.ids = ids;
        this.bufferKbPerCpu = bufferKbPerCpu;
    }

    /** {@link #start(TraceFilter, Set, int)} with every socket event and the default buffer. */
    public static KernelTrace start(TraceFilter filter) {
        return start(filter, TracedEvent.socketEvents(), DEFAULT_BUFFER_KB_PER_CPU);
    }

    /**
     * Starts recording the TCP retransmission timer's events ({@link TracedEvent#timerEvents()}) of every
     * socket on the machine, filtered to its function ({@value TracedEvent#RETRANSMIT_TIMER_FUNCTION}, by
     * its address in {@code /proc/kallsyms}), in an instance of their own: they are machine-wide, so a
     * busy machine may fill this buffer, and that loss must not cost the sockets' own record.
     *
     * @throws KernelTraceException as {@link #start(TraceFilter, Set, int)}, or when the function's
     *                              address cannot be read
     */
    public static KernelTrace startRetransmitTimers(int bufferKbPerCpu) {
        return start(null, TracedEvent.timerEvents(), bufferKbPerCpu);
    }

    /**
     * Starts recording {@code events} of the sockets {@code filter} selects. Returns once the
     * events are enabled: what the kernel does from then on is recorded.
     *
     * @param filter         the sockets; may be null only when {@code events} are all timer events
     * @param bufferKbPerCpu the ring buffer per CPU, {@value #MIN_BUFFER_KB_PER_CPU} to
     *                       {@value #MAX_BUFFER_KB_PER_CPU} KiB
     * @throws KernelTraceException when tracefs, the instance, an event or the filter is refused;
     *                              whatever was created is removed first
     */
    public static KernelTrace start(TraceFilter filter, Set<TracedEvent> events, int bufferKbPerCpu) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no event to trace");
        }
        if (bufferKbPerCpu < MIN_BUFFER_KB_PER_CPU || bufferKbPerCpu > MAX_BUFFER_KB_PER_CPU) {
            throw new IllegalArgumentException("buffer of " + bufferKbPerCpu + " KiB per CPU, allowed "
                    + MIN_BUFFER_KB_PER_CPU + "-" + MAX_BUFFER_KB_PER_CPU);
        }
        if (filter == null && !events.stream().allMatch(TracedEvent::timerEvent)) {
            throw new IllegalArgumentException("socket events need a filter: " + events);
        }
        Path root = Tracefs.root();
        Map<Integer, TracedEvent> ids = new HashMap<>();
        for (TracedEvent event : events) {
            ids.put(eventId(root, event), event);
        }
        TraceInstance.sweepLeftovers(root);
        TraceInstance instance = TraceInstance.create(root);
        KernelTrace trace = new KernelTrace(instance, EnumSet.copyOf(events), Map.copyOf(ids), bufferKbPerCpu);
        OpenTracesRemovedAtShutdown.register(trace);
        try {
            trace.configure(filter);
            return trace;
        } catch (RuntimeException e) {
            try {
                trace.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The id the kernel gives the event's records, after checking it has the fields this class reads. */
    private static int eventId(Path root, TracedEvent event) {
        Path directory = root.resolve("events").resolve(event.system()).resolve(event.tracepoint());
        if (!Files.isDirectory(directory)) {
            throw new KernelTraceException("this kernel has no tracepoint " + event.path());
        }
        if (event == TracedEvent.RETRANSMIT_ATTEMPT
                && !Tracefs.read(directory.resolve("format"), 64 * 1024).contains("field:int err;")) {
            throw new KernelTraceException("this kernel's " + event.path() + " has no err field: it traces only the"
                    + " retransmissions that were sent");
        }
        if (event == TracedEvent.TIMER_START
                && !Tracefs.read(directory.resolve("format"), 64 * 1024).contains("field:unsigned long bucket_expiry;")) {
            throw new KernelTraceException("this kernel's " + event.path() + " has no bucket_expiry field");
        }
        return Integer.parseInt(Tracefs.readControl(directory.resolve("id")));
    }

    private synchronized void configure(TraceFilter filter) {
        Tracefs.write(instance.file("tracing_on"), "0");
        for (String option : List.of("raw", "fields", "overwrite")) {
            if (!Files.exists(instance.file("options/" + option))) {
                throw new KernelTraceException("this kernel's tracefs has no option '" + option + "'");
            }
        }
        Tracefs.write(instance.file("trace_clock"), "mono");
        String clock = Tracefs.readControl(instance.file("trace_clock"));
        if (!clock.contains("[mono]")) {
            throw new KernelTraceException("trace_clock did not take 'mono': " + clock);
        }
        Tracefs.write(instance.file("buffer_size_kb"), Integer.toString(bufferKbPerCpu));
        // the kernel rounds up to whole sub-buffers (4096 reads back as 4099 on 6.18)
        String size = Tracefs.readControl(instance.file("buffer_size_kb"));
        if (!size.matches("\\d+") || Long.parseLong(size) < bufferKbPerCpu) {
            throw new KernelTraceException("buffer_size_kb did not take " + bufferKbPerCpu + ": " + size);
        }
        Tracefs.write(instance.file("options/overwrite"), "0");
        String timerFilter = events.stream().anyMatch(TracedEvent::timerEvent)
                ? "function == 0x" + Long.toHexString(KernelSymbols.address(TracedEvent.RETRANSMIT_TIMER_FUNCTION)) : "";
        for (TracedEvent event : events) {
            Path directory = instance.file("events/" + event.path());
            String expression = event.timerEvent() ? timerFilter : filter.expression(event);
            Tracefs.write(directory.resolve("filter"), expression);
            String taken = Tracefs.readControl(directory.resolve("filter"));
            if (!taken.equals(expression)) {
                throw new KernelTraceException("the kernel took the filter of " + event.path() + " as '" + taken
                        + "', not '" + expression + "'");
            }
            Tracefs.write(directory.resolve("enable"), "1");
        }
        Tracefs.write(instance.file("tracing_on"), "1");
    }

    /**
     * Stops recording, reads everything recorded and removes the instance.
     *
     * @throws IllegalStateException when already stopped or closed
     * @throws KernelTraceException  when the record cannot be read (the instance is removed anyway)
     */
    public synchronized KernelTraceRecord stop() {
        if (stopped || removed) {
            throw new IllegalStateException(this + " already stopped");
        }
        stopped = true;
        try {
            Tracefs.write(instance.file("tracing_on"), "0");
            sleepQuietly(SETTLE_MILLIS);
            long lost = lostInStats();
            long maxBytes = (long) bufferKbPerCpu * 1024 * cpus() * PRINTED_PER_BUFFER_BYTE + (1 << 20);
            Tracefs.write(instance.file("options/raw"), "1");
            String raw = Tracefs.read(instance.file("trace"), maxBytes);
            Tracefs.write(instance.file("options/raw"), "0");
            Tracefs.write(instance.file("options/fields"), "1");
            String fields = Tracefs.read(instance.file("trace"), maxBytes);
            TraceText.Parsed parsed;
            try {
                parsed = TraceText.parse(raw, fields, ids);
            } catch (IllegalStateException e) {
                throw new KernelTraceException("the trace of " + instance + " could not be read: " + e.getMessage(), e);
            }
            List<KernelEvent> ordered = new ArrayList<>(parsed.events());
            ordered.sort(Comparator.comparingLong(KernelEvent::monotonicNanos));
            return new KernelTraceRecord(ordered, lost + parsed.lost(), parsed.unreadable());
        } finally {
            close();
        }
    }

    /** The per-CPU counts of events the buffer could not keep. */
    private long lostInStats() {
        long lost = 0;
        for (Path cpu : cpuDirectories()) {
            Matcher m = STAT.matcher(Tracefs.read(cpu.resolve("stats"), 64 * 1024));
            while (m.find()) {
                lost += Long.parseLong(m.group(2));
            }
        }
        return lost;
    }

    private int cpus() {
        return Math.max(1, cpuDirectories().size());
    }

    private List<Path> cpuDirectories() {
        List<Path> cpus = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(instance.file("per_cpu"), "cpu*")) {
            stream.forEach(cpus::add);
        } catch (IOException e) {
            throw new KernelTraceException("cannot list " + instance.file("per_cpu") + ": " + e, e);
        }
        return cpus;
    }

    /** The instance's name under {@code instances/}: {@code cb-<pid>-trace-<n>}. */
    public String instanceName() {
        return instance.name();
    }

    /**
     * Removes the instance without reading it (after {@link #stop} there is nothing left to do).
     * Idempotent.
     *
     * @throws KernelTraceException when the kernel refuses to remove it; a later close() tries again
     */
    @Override
    public synchronized void close() {
        if (removed) {
            return;
        }
        stopped = true;
        instance.remove();
        removed = true;
        OpenTracesRemovedAtShutdown.unregister(this);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "kernel trace " + instance;
    }
}
