package io.closebench.schema;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JMH parameter combination of a closebench benchmark: the benchmark method, the scenario, the
 * observer, the placement, the idle time before the fault, the background load and the CPU
 * burners. It names the same thing in every file of a run: the per-fork {@code .hlog} and
 * percentile CSV (their names carry every parameter, plus the fork's pid), their rows, the summary
 * and JMH's own parameters. The pulled-cable and mass-death benchmarks, which have no scenario
 * parameter, name theirs from their own parameters (see the benchmarks module's BenchmarkTag).
 *
 * @param benchmark class and method, e.g. "PeerClosesWhileObserverWaits.repetition"; no '-'
 * @param scenario e.g. "S2-inproc"
 * @param observer the I/O model
 * @param placement where its threads ran
 * @param idleBeforeFaultMicros how long the observer had been asleep, at least, when the fault came
 * @param loadConnections background connections (0: idle)
 * @param cpuBurners threads keeping a CPU busy
 */
public record BenchmarkKey(String benchmark, String scenario, Observer observer, Placement placement,
        long idleBeforeFaultMicros, int loadConnections, int cpuBurners) implements Comparable<BenchmarkKey> {

    /** {@code <kind>-<benchmark>-<scenario>-<OBSERVER>-<PLACEMENT>-idle<us>us-load<n>-cpu<n>-fork<pid>.<ext>}. */
    private static final Pattern FILE = Pattern.compile(
            "([a-z]+)-([^-]+)-(.+)-([A-Z_]+)-([A-Z_]+)-idle(\\d+)us-load(\\d+)-cpu(\\d+)-fork(\\d+)\\.([a-z]+)");

    private static final Comparator<BenchmarkKey> ORDER = Comparator.comparing(BenchmarkKey::benchmark)
            .thenComparing(BenchmarkKey::scenario).thenComparingInt(BenchmarkKey::cpuBurners)
            .thenComparingInt(BenchmarkKey::loadConnections).thenComparing(BenchmarkKey::placement)
            .thenComparingLong(BenchmarkKey::idleBeforeFaultMicros).thenComparing(BenchmarkKey::observer);

    /** Validates the parts. */
    public BenchmarkKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(placement, "placement");
        if (benchmark.contains("-") || benchmark.isBlank()) {
            throw new IllegalArgumentException("a benchmark name has no '-': " + benchmark);
        }
        if (loadConnections < 0 || cpuBurners < 0 || idleBeforeFaultMicros < 0) {
            throw new IllegalArgumentException("load, CPU burners and idle time cannot be negative");
        }
    }

    /**
     * @param kind the file's kind, {@link ResultFile#LATENCY} or {@link ResultFile#PERCENTILES}
     * @param forkPid the fork's process id
     * @return the file name, e.g. "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-NIO-SAME_CPU-idle0us-load0-cpu0-fork123.hlog"
     */
    public String fileName(ResultFile kind, long forkPid) {
        return kind.name(benchmark + "-" + scenario + "-" + observer + "-" + placement + "-idle" + idleBeforeFaultMicros
                + "us-load" + loadConnections + "-cpu" + cpuBurners + "-fork" + forkPid);
    }

    /** A file's key and fork, as {@link #fileName} wrote them. */
    public record InFile(ResultFile kind, BenchmarkKey key, long forkPid) {
    }

    /** @return the key and fork a per-fork file's name carries; empty when it has not that form */
    public static Optional<InFile> fromFileName(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ResultFile> kind = ResultFile.of(fileName);
        try {
            Observer observer = Observer.valueOf(m.group(4));
            Placement placement = Placement.valueOf(m.group(5));
            if (kind.isEmpty() || (kind.get() != ResultFile.LATENCY && kind.get() != ResultFile.PERCENTILES)) {
                return Optional.empty();
            }
            return Optional.of(new InFile(kind.get(), new BenchmarkKey(m.group(2), m.group(3), observer, placement,
                    Long.parseLong(m.group(6)), Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8))),
                    Long.parseLong(m.group(9))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return "S2-inproc/NIO/SAME_CPU/idle0us/load100/cpu0": the combination in one word */
    public String tag() {
        return scenario + "/" + observer + "/" + placement + "/idle" + idleBeforeFaultMicros + "us/load"
                + loadConnections + "/cpu" + cpuBurners;
    }

    /** @return the same combination seen by another observer */
    public BenchmarkKey withObserver(Observer other) {
        return new BenchmarkKey(benchmark, scenario, other, placement, idleBeforeFaultMicros, loadConnections, cpuBurners);
    }

    /** @return the same combination under another background load */
    public BenchmarkKey withLoad(int connections) {
        return new BenchmarkKey(benchmark, scenario, observer, placement, idleBeforeFaultMicros, connections, cpuBurners);
    }

    /** @return the same combination with another benchmark and scenario (a baseline beside a figure) */
    public BenchmarkKey withBenchmark(String otherBenchmark, String otherScenario) {
        return new BenchmarkKey(otherBenchmark, otherScenario, observer, placement, idleBeforeFaultMicros,
                loadConnections, cpuBurners);
    }

    /** @return "idle" or "load 100" (with ", 1 CPU burner" when burners ran) */
    public String loadLabel() {
        String load = loadConnections == 0 ? "idle" : "load " + loadConnections;
        return cpuBurners == 0 ? load : load + ", " + cpuBurners + " CPU burner" + (cpuBurners == 1 ? "" : "s");
    }

    /** @return "SAME_CPU, idle 10000 us": where and after how much sleep, for every quoted figure */
    public String conditionsLabel() {
        return placement + ", asleep " + idleBeforeFaultMicros + " us before the fault";
    }

    @Override
    public int compareTo(BenchmarkKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return benchmark + " " + tag();
    }
}
