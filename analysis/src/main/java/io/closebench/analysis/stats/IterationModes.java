package io.closebench.analysis.stats;

import io.closebench.analysis.format.ThreeFigureDuration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Whether the iteration medians of a figure agree or split into groups, in plain words: "iteration
 * medians split into 2 groups: about 11.1 us (4 of 6 iterations) and about 40.8 us (2 of 6)", or
 * "iteration medians agree within 1.23x".
 *
 * <p>Why: on a small shared machine the median of one benchmark can flip from iteration to
 * iteration (threads on the same CPU or not), and a pooled median then describes neither mode. The
 * split tells the reader that the figure is a mixture, and how many iterations landed where.
 *
 * <p><b>Rule.</b> Sort the iteration medians; wherever a median is at least {@link #GAP_RATIO}
 * (1.5) times its predecessor, a new group starts. Each group is reported with its typical value
 * (the lower middle one of its medians, as {@link EmpiricalQuantile} would pick, printed by
 * {@link ThreeFigureDuration} after "about") and its size. The comparison is exact in integers
 * ({@code 2 next >= 3 previous}), so a gap of exactly 1.5x splits. 1.5 is also the fidelity target
 * of this project ({@link #FIDELITY_TARGET}): a run is faithful when its highest iteration median is
 * within 1.5x of its lowest, {@link #spread()}.
 */
public final class IterationModes {

    /** A gap of this ratio or more between neighbouring sorted iteration medians starts a new group. */
    public static final double GAP_RATIO = 1.5;

    /** Highest over lowest iteration median that the benchmark fidelity target allows. */
    public static final double FIDELITY_TARGET = 1.5;

    /**
     * One group of iteration medians.
     *
     * @param low smallest median in the group, ns
     * @param high largest median in the group, ns
     * @param typical the lower middle median of the group, ns
     * @param iterations how many iterations fall in the group
     */
    public record Group(long low, long high, long typical, int iterations) {

        /** Validates order. */
        public Group {
            if (!(0 < low && low <= typical && typical <= high) || iterations < 1) {
                throw new IllegalArgumentException("need 0 < low <= typical <= high and iterations >= 1, got "
                        + low + ", " + typical + ", " + high + ", " + iterations);
            }
        }
    }

    private final long[] sorted;
    private final List<Group> groups;

    private IterationModes(long[] sorted) {
        this.sorted = sorted;
        List<Group> found = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || 2 * sorted[i] >= 3 * sorted[i - 1]) {
                found.add(new Group(sorted[start], sorted[i - 1], sorted[start + (i - start - 1) / 2], i - start));
                start = i;
            }
        }
        this.groups = List.copyOf(found);
    }

    /**
     * @param iterationMedians one median per iteration, ns, each positive, any order
     * @return the modes
     * @throws IllegalArgumentException on no median or a median {@code <= 0}
     */
    public static IterationModes of(long[] iterationMedians) {
        Objects.requireNonNull(iterationMedians, "iterationMedians");
        if (iterationMedians.length == 0) {
            throw new IllegalArgumentException("no iteration median: at least one iteration with values is required");
        }
        long[] sorted = iterationMedians.clone();
        Arrays.sort(sorted);
        if (sorted[0] <= 0) {
            throw new IllegalArgumentException("iteration median " + sorted[0] + " is not positive: ratios need latencies above 0");
        }
        return new IterationModes(sorted);
    }

    /**
     * @param sample a figure
     * @return the modes of its {@link ForkedLatency#iterationMedians()}
     */
    public static IterationModes of(ForkedLatency sample) {
        return of(Objects.requireNonNull(sample, "sample").iterationMedians());
    }

    /** @return the groups, lowest first; one group when the medians do not split */
    public List<Group> groups() {
        return groups;
    }

    /** @return whether the medians split into two or more groups */
    public boolean isSplit() {
        return groups.size() > 1;
    }

    /** @return number of iteration medians */
    public int iterations() {
        return sorted.length;
    }

    /** @return highest over lowest iteration median, {@code >= 1} */
    public double spread() {
        return (double) sorted[sorted.length - 1] / sorted[0];
    }

    /** @return whether {@link #spread()} is within {@link #FIDELITY_TARGET} */
    public boolean withinFidelityTarget() {
        return spread() <= FIDELITY_TARGET;
    }

    /**
     * @return e.g. "iteration medians split into 2 groups: about 11.1 us (4 of 6 iterations) and about
     *     40.8 us (2 of 6)", "iteration medians agree within 1.23x", "iteration medians spread over
     *     1.96x, more than the 1.5x target, with no gap of 1.5x or more between neighbours", or "one
     *     iteration: no iteration medians to compare"
     */
    public String describe() {
        if (sorted.length == 1) {
            return "one iteration: no iteration medians to compare";
        }
        if (!isSplit()) {
            String spread = ReportFormat.fixed(spread(), ReportFormat.decimalsToShow(spread(), spread(), FIDELITY_TARGET, 2, 4));
            return withinFidelityTarget() ? "iteration medians agree within " + spread + "x"
                    : "iteration medians spread over " + spread + "x, more than the " + FIDELITY_TARGET
                            + "x target, with no gap of " + GAP_RATIO + "x or more between neighbours";
        }
        StringBuilder text = new StringBuilder("iteration medians split into ").append(groups.size()).append(" groups: ");
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                text.append(g == groups.size() - 1 ? " and " : ", ");
            }
            Group group = groups.get(g);
            text.append("about ").append(ThreeFigureDuration.of(group.typical())).append(" (")
                    .append(group.iterations()).append(" of ").append(sorted.length)
                    .append(g == 0 ? " iterations)" : ")");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
