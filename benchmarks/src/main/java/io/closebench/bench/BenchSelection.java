package io.closebench.bench;

import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user narrows a profile to: benchmarks by JMH's include syntax (a regular expression found
 * in the benchmark's class name), the forks, and parameter values that replace the profile's
 * (placements, idle times, observers), plus the CPU burners. Empty means "as the profile says".
 *
 * @param include    benchmarks whose class name contains a match
 * @param forks      forks per benchmark
 * @param placements where the threads run
 * @param idles      idle times before the fault, microseconds
 * @param observers  the I/O models
 * @param cpuBurners CPU burner counts, crossed with everything
 */
public record BenchSelection(Pattern include, Optional<Integer> forks, Optional<List<Placement>> placements,
                             Optional<List<Long>> idles, Optional<List<Observer>> observers, List<Integer> cpuBurners) {

    /** Everything the profile holds, without CPU burners. */
    public static BenchSelection profileAsIs() {
        return new BenchSelection(Pattern.compile(".*"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(0));
    }

    BenchmarkGroup narrow(BenchmarkGroup g) {
        return g.with(observers.orElse(g.observers()), placements.orElse(g.placements()), idles.orElse(g.idles()));
    }

    /** "include=.* forks=profile placements=profile ...": for the metadata. */
    public String describe() {
        return "include=" + include.pattern() + " forks=" + forks.map(String::valueOf).orElse("profile")
                + " placements=" + placements.map(Object::toString).orElse("profile")
                + " idle_us=" + idles.map(Object::toString).orElse("profile")
                + " observers=" + observers.map(Object::toString).orElse("profile") + " cpu_burners=" + cpuBurners;
    }
}
