package io.closebench.bench;

import io.closebench.results.PeerColumns;
import io.closebench.rig.Observation;
import io.closebench.scenario.Scenario;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Outcome;
import io.closebench.schema.ResultFile;
import io.closebench.fault.PeerPlace;
import io.closebench.schema.Asleep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The detection latencies of one benchmark (one parameter combination) in one fork.
 *
 * <p>Benchmark threads {@linkplain #record record} every repetition into an HdrHistogram
 * {@link Recorder}: several threads may record while the iteration's end rolls the interval over,
 * which is what a Recorder is for. Only measurement iterations count; warmup repetitions are
 * discarded at the start of the first measurement iteration. At the end of each measurement
 * iteration the interval histogram is appended to the fork's HdrHistogram log ({@code .hlog}) and
 * flushed, so a fork cut short keeps every iteration it finished; the intervals are untagged, as
 * {@code HistogramLogProcessor -i FILE} expects, because the file name already names the
 * combination ({@link BenchmarkKey#fileName}) and a comment repeats it. At the end of the fork the
 * percentile CSV is written from the cumulative histogram.
 *
 * <p>Nothing is dropped: every outcome is counted; a repetition whose outcome is not the scenario's
 * Linux outcome is counted as unexpected (timeouts and harness failures included) and its latency
 * is recorded like any other. Only a repetition with no known t0 has no latency to record, and is
 * counted as such. Whether the observer was asleep at the fault, and whether any hand-off of the
 * harness's lay inside t1 - t0 (it must not), are counted too.
 */
@State(Scope.Benchmark)
public class LatencyJournal {

    /** System property naming the folder the histogram files go to. */
    public static final String OUT_PROPERTY = "closebench.out";
    static final String DEFAULT_OUT = "results/jmh-standalone";

    private static volatile IterationSummary lastIteration;

    private final Recorder recorder = new Recorder(3);
    private final Histogram cumulative = new Histogram(3);
    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Long> cumulativeOutcomes = new EnumMap<>(Outcome.class);
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder noT0 = new LongAdder();
    private final LongAdder asleep = new LongAdder();
    private final LongAdder handOffs = new LongAdder();
    private final LongAdder lostResets = new LongAdder();
    private long cumulativeUnexpected;
    private long cumulativeNoT0;
    private long cumulativeAsleep;
    private long cumulativeHandOffs;
    private long cumulativeLostResets;
    private int measuredIterations;
    /** Per benchmark thread, its latest cumulative load counts: sent, dropped, bytes received. */
    private final Map<Object, long[]> loadByThread = new ConcurrentHashMap<>();
    private volatile String[] cpus = {"unpinned", "unpinned"};
    private volatile PeerPlace peer = PeerPlace.here();
    /** The measured repetitions' round trips to the peer's host, where it is another; and t0's largest bound. */
    private final org.HdrHistogram.ConcurrentHistogram roundTrips = new org.HdrHistogram.ConcurrentHistogram(3);
    private final java.util.concurrent.atomic.LongAccumulator maxT0Bound =
            new java.util.concurrent.atomic.LongAccumulator(Math::max, -1);
    private volatile boolean measuring;
    /** Whether any benchmark recorded into it; a fixture-only use (the load counts) leaves no files. */
    private volatile boolean used;
    private Path logFile;
    private long forkPid;

    private BenchmarkKey key;
    private HistogramLogWriter log;
    private PrintStream logStream;

    /** The last measurement iteration rolled over in this fork (read by {@link DetectionProfiler}). */
    static IterationSummary lastIteration() {
        return lastIteration;
    }

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
        key = BenchmarkTag.of(params);
        forkPid = ProcessHandle.current().pid();
        Path dir = Files.createDirectories(outputDirectory());
        logFile = dir.resolve(key.fileName(ResultFile.LATENCY, forkPid));
        logStream = new PrintStream(Files.newOutputStream(logFile), false, "US-ASCII");
        log = new HistogramLogWriter(logStream);
        log.outputComment("closebench detection latency t1 - t0 in nanoseconds, one interval per measurement iteration");
        log.outputComment("benchmark " + params.getBenchmark() + " " + key.tag() + " fork " + forkPid + " jdk "
                + System.getProperty("java.runtime.version"));
        log.outputLogFormatVersion();
        log.outputStartTime(System.currentTimeMillis());
        log.setBaseTime(System.currentTimeMillis());
        log.outputLegend();
        logStream.flush();
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
        if (measurement && !measuring) {
            // the first measurement iteration: forget everything the warmup recorded
            recorder.getIntervalHistogram();
            outcomes.values().forEach(LongAdder::reset);
            unexpected.reset();
            noT0.reset();
            asleep.reset();
            handOffs.reset();
            lostResets.reset();
        }
        measuring = measurement;
    }

    /** Records one repetition of a case (any benchmark thread); unexpected = not the scenario's Linux outcome. */
    public void record(Observation o, Scenario s) {
        used = true;
        if (!measuring) {
            return;
        }
        if (o.clocking().fault().asleep() == Asleep.YES) {
            asleep.increment();
        }
        if (o.clocking().handOffInMeasuredPath()) {
            handOffs.increment();
        }
        if (o.isIoUringLostReset()) {
            lostResets.increment();
        }
        if (o.clocking().peerRttNanos() >= 0) {
            roundTrips.recordValue(o.clocking().peerRttNanos());
        }
        if (o.clocking().fault().known()) {
            maxT0Bound.accumulate(o.clocking().fault().boundNanos());
        }
        record(o.outcome(), o.latencyNanos(), o.outcome() != s.onLinux(o.observer()));
    }

    /** Records one outcome and its t1 - t0 (negative: t0 unknown, counted, not recorded). */
    public void record(Outcome outcome, long latencyNanos, boolean isUnexpected) {
        used = true;
        if (!measuring) {
            return;
        }
        outcomes.get(outcome).increment();
        if (isUnexpected) {
            unexpected.increment();
        }
        if (latencyNanos < 0) {
            noT0.increment();
        } else {
            recorder.recordValue(latencyNanos);
        }
    }

    /** The latest cumulative background-load counts of one benchmark thread ({@code source}). */
    public void noteLoad(Object source, long sent, long dropped, long receivedBytes) {
        loadByThread.put(source, new long[] {sent, dropped, receivedBytes});
    }

    /** Where the observer and the peer ran, as the percentile CSV says. */
    public void noteCpus(String observerCpus, String peerCpus) {
        cpus = new String[] {observerCpus, peerCpus};
    }

    /** The host the peer ran on, its OS and JDK, as the percentile CSV says. */
    public void notePeer(PeerPlace place) {
        peer = place;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (!measuring) {
            return;
        }
        Histogram interval = recorder.getIntervalHistogram();
        log.outputIntervalHistogram(interval);
        logStream.flush();
        cumulative.add(interval);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach((o, n) -> {
            long v = n.sumThenReset();
            if (v > 0) {
                counts.put(o, v);
                cumulativeOutcomes.merge(o, v, Long::sum);
            }
        });
        long u = unexpected.sumThenReset();
        long n = noT0.sumThenReset();
        long a = asleep.sumThenReset();
        long h = handOffs.sumThenReset();
        long l = lostResets.sumThenReset();
        cumulativeUnexpected += u;
        cumulativeNoT0 += n;
        cumulativeAsleep += a;
        cumulativeHandOffs += h;
        cumulativeLostResets += l;
        measuredIterations++;
        lastIteration = new IterationSummary(interval, counts, u, n, a, h, l);
    }

    @TearDown(Level.Trial)
    public void close() {
        logStream.close();
        try {
            if (!used) {
                // a benchmark that measures no detection (setUpAndTearDown) only passed through
                Files.delete(logFile);
                return;
            }
            PercentileCsv.write(outputDirectory().resolve(key.fileName(ResultFile.PERCENTILES, forkPid)), key, forkPid,
                    new IterationSummary(cumulative, cumulativeOutcomes, cumulativeUnexpected, cumulativeNoT0,
                            cumulativeAsleep, cumulativeHandOffs, cumulativeLostResets),
                    measuredIterations, loadByThread.values().stream()
                            .reduce(new long[3], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]}), cpus,
                    PeerColumns.of(peer, roundTrips.getTotalCount() == 0 ? -1 : roundTrips.getValueAtPercentile(50),
                            maxT0Bound.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path outputDirectory() {
        return Path.of(System.getProperty(OUT_PROPERTY, DEFAULT_OUT));
    }
}
