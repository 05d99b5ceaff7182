package io.closebench.analysis.results;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JMH parameter combination of a detection benchmark: the benchmark method, the scenario, the
 * observer and the background load. It names the same thing in every file of a run: the .hlog tag
 * ({@code S2-inproc/NIO/load100/cpu0}) and file name, the percentile CSV's columns, JMH's params.
 *
 * @param benchmark class and method, e.g. "PeerClosesWhileObserverWaits.repetition"
 * @param scenario e.g. "S2-inproc"
 * @param observer BLOCKING or NIO
 * @param loadConnections background connections (0: idle)
 * @param cpuBurners threads keeping a core busy
 */
public record BenchmarkKey(String benchmark, String scenario, String observer, int loadConnections, int cpuBurners)
        implements Comparable<BenchmarkKey> {

    private static final Pattern TAG = Pattern.compile("(.+)/([A-Z_]+)/load(\\d+)/cpu(\\d+)");

    private static final Comparator<BenchmarkKey> ORDER = Comparator.comparing(BenchmarkKey::benchmark)
            .thenComparing(BenchmarkKey::scenario).thenComparingInt(BenchmarkKey::cpuBurners)
            .thenComparingInt(BenchmarkKey::loadConnections).thenComparing(BenchmarkKey::observer);

    /** Validates the parts. */
    public BenchmarkKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(observer, "observer");
        if (loadConnections < 0 || cpuBurners < 0) {
            throw new IllegalArgumentException("load and CPU burners cannot be negative");
        }
    }

    /**
     * @param benchmark the benchmark, e.g. "ChildProcessEnds.repetition"
     * @param tag an .hlog tag, e.g. "S2-bash/NIO/load0/cpu0"
     * @return the key, empty when the tag does not have that form
     */
    public static Optional<BenchmarkKey> fromTag(String benchmark, String tag) {
        Matcher m = TAG.matcher(tag == null ? "" : tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BenchmarkKey(benchmark, m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))));
    }

    /** @return the .hlog tag, "S2-inproc/NIO/load100/cpu0" */
    public String tag() {
        return scenario + "/" + observer + "/load" + loadConnections + "/cpu" + cpuBurners;
    }

    /**
     * @param other BLOCKING or NIO
     * @return the same combination seen by another observer
     */
    public BenchmarkKey withObserver(String other) {
        return new BenchmarkKey(benchmark, scenario, other, loadConnections, cpuBurners);
    }

    /**
     * @param connections another background load
     * @return the same combination under that load
     */
    public BenchmarkKey withLoad(int connections) {
        return new BenchmarkKey(benchmark, scenario, observer, connections, cpuBurners);
    }

    /** @return "idle" or "load 100" (with ", 1 CPU burner" when burners ran) */
    public String loadLabel() {
        String load = loadConnections == 0 ? "idle" : "load " + loadConnections;
        return cpuBurners == 0 ? load : load + ", " + cpuBurners + " CPU burner" + (cpuBurners == 1 ? "" : "s");
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
