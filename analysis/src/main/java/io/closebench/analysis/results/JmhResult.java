package io.closebench.analysis.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One JMH benchmark result of a run ({@code jmh-<profile>.json} or {@code .csv}): the primary score
 * (repetitions per second per thread for closebench's benchmarks), its parameters, the secondary
 * {@code detect.*} results of closebench's profiler, and, from the JSON only, how JMH ran it. The
 * report takes each combination's score from the summary, whose rows carry the combination in the
 * schema's columns; JMH's files serve for how JMH ran (forks, iterations, its JDK).
 *
 * @param benchmark class and method without the package, e.g. "ReadsAfterPeerClosed.repetition"
 * @param mode JMH mode, e.g. "thrpt"
 * @param params JMH parameters by name, e.g. scenario, observer, loadConnections, cpuBurners
 * @param score primary score
 * @param scoreError JMH's 99.9 % error of the score; NaN when JMH could not compute one (one fork)
 * @param scoreUnit e.g. "ops/s"
 * @param secondary secondary results by name, e.g. "detect.p50" (their units are in the JMH file)
 * @param jdkVersion e.g. "17.0.15"; empty when read from the CSV
 * @param vmVersion e.g. "17.0.15+6-Debian-1deb12u1"; empty when read from the CSV
 * @param forks forks; -1 when read from the CSV
 * @param warmupIterations warmup iterations per fork; -1 when read from the CSV
 * @param measurementIterations measurement iterations per fork; -1 when read from the CSV
 * @param measurementTime e.g. "1 s"; empty when read from the CSV
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double scoreError,
        String scoreUnit, Map<String, Double> secondary, String jdkVersion, String vmVersion, int forks,
        int warmupIterations, int measurementIterations, String measurementTime) {

    /** Keeps unmodifiable copies. */
    public JmhResult {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /**
     * "io.closebench.bench.ReadsAfterPeerClosed.repetition" to "ReadsAfterPeerClosed.repetition", as
     * the .hlog file names and percentile CSVs write it.
     *
     * @param fullName JMH's benchmark name
     * @return class and method
     */
    static String shortName(String fullName) {
        String[] parts = fullName.split("\\.");
        return parts.length < 2 ? fullName : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
