package io.closebench.bench;

import java.util.List;

/**
 * How much of the benchmark suite to run, and how long.
 *
 * <p>QUICK finishes in about four minutes on 2 cores: one fork, 1 s warmup, two 1 s measurement
 * iterations, idle and 100 background connections, and only the bash variants of the child-process
 * cases (a JVM child exits in about 300 ms, so a 1 s iteration holds two of them). Every case is
 * covered; the numbers are for a first look.
 *
 * <p>FULL is what a user runs to publish: two forks (so that fork-to-fork variance shows), 1 s
 * warmup (thousands of repetitions of these short paths; the first measurement iteration shows
 * whether it sufficed), four 2 s measurement iterations (thousands of repetitions per fork for the in-process
 * cases, tens for the JVM-child ones), loads 0, 100 and 1000, and every variant: about an hour on 2
 * cores. CPU contention is a separate choice ({@code --cpu-burners 0,1}), as it doubles the time.
 */
public enum Profile {
    QUICK(1, 1, 1, 2, 1, List.of("0", "100"), false),
    FULL(2, 1, 1, 4, 2, List.of("0", "100", "1000"), true);

    final int forks;
    final int warmupIterations;
    final int warmupSeconds;
    final int measurementIterations;
    final int measurementSeconds;
    final List<String> loads;
    final boolean jvmChildren;

    Profile(int forks, int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
            List<String> loads, boolean jvmChildren) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
        this.loads = loads;
        this.jvmChildren = jvmChildren;
    }

    public List<String> loads() {
        return loads;
    }

    /** "forks=1 warmup=1x1s measurement=2x1s loads=[0, 100]" for metadata and file names' companions. */
    public String describe() {
        return "forks=" + forks + " warmup=" + warmupIterations + "x" + warmupSeconds + "s measurement="
                + measurementIterations + "x" + measurementSeconds + "s loads=" + loads + " jvm_children=" + jvmChildren;
    }
}
