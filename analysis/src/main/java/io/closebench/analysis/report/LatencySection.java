package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.JmhResult;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.row.SummaryRecord;
import java.util.List;
import java.util.Optional;

/**
 * The report's table of every benchmark figure: per benchmark, one row per scenario, placement, idle
 * time, load and observer, with its JDK, how many forks and iterations it rests on, the median and
 * p99 with their hierarchical intervals and what kind of interval each is, and whether the iteration
 * medians agree. Then what did not give a latency: combinations skipped here, with the reason (never
 * silently dropped), and benchmarks that measure throughput only.
 */
final class LatencySection {

    private LatencySection() {
    }

    static void append(ReportContext c) {
        StringBuilder md = c.md;
        md.append("## Detection latency in the benchmarks\n\n");
        if (c.figures.isEmpty() && c.run.summary().isEmpty()) {
            md.append(c.run.metadata().ranBench() ? "No latency log could be used (see above).\n\n"
                    : "This run did not run the benchmarks.\n\n");
            return;
        }
        jmhSetup(c.run.jmh()).ifPresent(s -> md.append(s).append("\n\n"));
        md.append("Per benchmark, one row per scenario, placement, idle time before the fault, load and observer, over "
                + "every fork. Placement and idle time decide a figure as much as the API does, so every figure carries "
                + "them. The median and p99 are of every value pooled; their " + c.level + " intervals come from a "
                + "bootstrap that resamples the structure the values were measured in, never single values: "
                + "\"hierarchical\" resamples forks, then iterations within them; \"iteration-level\" has one fork "
                + "to draw from, so the variation from fork to fork (another JVM, another CPU placement) is unknown and "
                + "the interval is narrower than the truth; \"none\" is one fork with one iteration. \"asleep\" is the "
                + "share of repetitions in which the observer was seen asleep in the kernel when the fault came; the CPUs "
                + "are those the observer and the peer ran on, as each fork recorded them. "
                + "reps/s is JMH's score.\n\n");
        String benchmark = null;
        AlignedTable t = null;
        for (BenchmarkFigure f : c.figures.values()) {
            if (!f.key().benchmark().equals(benchmark)) {
                if (t != null) {
                    c.table(t);
                }
                benchmark = f.key().benchmark();
                md.append("### ").append(RunReport.shortBenchmark(benchmark)).append("\n\n");
                t = new AlignedTable("scenario", "placement", ">idle", "load", "observer", "JDK", "forks x iterations",
                        ">n", "outcomes", ">median", ">median " + c.level + " CI", ">p90", ">p99", ">p99 " + c.level + " CI",
                        ">max", "interval", ">asleep", "CPUs (observer / peer)", ">reps/s", "iteration medians");
            }
            t.row(f.key().scenario(), f.key().placement().name(), Figures.idle(f.key().idleBeforeFaultMicros()),
                    Figures.load(f.key()), f.key().observer().name(), Figures.jdk(f.jdk()), f.sample().design(),
                    Figures.count(f.pooled().count()), outcomes(f), ThreeFigureDuration.of(f.median().estimate()),
                    Figures.durationInterval(f.median().interval()), ThreeFigureDuration.of(f.pooled().p90()),
                    ThreeFigureDuration.of(f.p99().estimate()), Figures.durationInterval(f.p99().interval()),
                    ThreeFigureDuration.of(f.pooled().max()), intervalWord(f), f.asleepShare().orElse("-"), f.cpus(),
                    Double.isNaN(f.score()) ? "-" : Figures.count(Math.round(f.score())), f.modes().describe());
        }
        if (t != null) {
            c.table(t);
        }
        sideBySide(c);
        skipped(c);
        withoutLatency(c);
    }

    private static String outcomes(BenchmarkFigure f) {
        if (f.forksFinished() == 0) {
            return "unknown: no fork's percentile CSV";
        }
        return f.outcomes().describe() + (f.unexpected() > 0 ? "; " + f.unexpected() + " unexpected" : "")
                + (f.handOffs() > 0 ? "; " + f.handOffs() + " with a hand-off inside t1 - t0" : "")
                + (f.loadDropped() > 0 ? "; load dropped " + f.loadDropped() + " messages" : "")
                + (f.forksFinished() < f.sample().forkCount() ? "; " + (f.sample().forkCount() - f.forksFinished())
                        + " fork(s) unfinished, not counted" : "");
    }

    private static String intervalWord(BenchmarkFigure f) {
        return switch (f.median().levels()) {
            case FORKS_AND_ITERATIONS -> "hierarchical";
            case ITERATIONS_ONLY -> "iteration-level (one fork)";
            case NOTHING -> "none";
        };
    }

    private static void skipped(ReportContext c) {
        List<SummaryRecord> skipped = c.run.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        c.md.append("### Skipped here\n\n").append(skipped.size()).append(" combination")
                .append(skipped.size() == 1 ? " was" : "s were")
                .append(" not run, because the model cannot run on this JDK or kernel:\n\n");
        c.table(SummaryView.skipped(skipped));
    }

    /** The run's own summary, every model side by side, as the console printed it when the benchmarks ended. */
    private static void sideBySide(ReportContext c) {
        if (c.run.summary().isEmpty()) {
            return;
        }
        c.md.append("### Every model side by side\n\nFrom `summary-*.csv`, as the run printed it when its benchmarks "
                + "ended: ").append(SummaryView.LEGEND).append(". These pool every fork; the intervals above respect "
                + "them.\n\n");
        c.table(SummaryView.sideBySide(c.run.summary()));
    }

    /** Summary rows that ran but recorded no latency: benchmarks of throughput only (set-up and tear-down). */
    private static void withoutLatency(ReportContext c) {
        List<SummaryRecord> rows = c.run.summary().stream()
                .filter(r -> !r.isSkipped() && r.count() == 0 && !c.figures.containsKey(r.key())).toList();
        if (rows.isEmpty()) {
            return;
        }
        c.md.append("### Benchmarks without a detection latency\n\nThese ran but recorded no detection: they measure "
                + "the harness's throughput alone (JMH's score).\n\n");
        AlignedTable t = new AlignedTable("benchmark", "scenario", "observer", "placement", ">idle", "load", "JDK",
                ">reps/s");
        for (SummaryRecord r : rows) {
            BenchmarkKey k = r.key();
            t.row(RunReport.shortBenchmark(k.benchmark()), k.scenario(), k.observer().name(), k.placement().name(),
                    Figures.idle(k.idleBeforeFaultMicros()), Figures.load(k), Figures.jdk(r.jdk()),
                    Double.isNaN(r.score()) ? "-" : Figures.count(Math.round(r.score())));
        }
        c.table(t);
    }

    private static Optional<String> jmhSetup(List<JmhResult> jmh) {
        List<JmhResult> withSetup = jmh.stream().filter(r -> r.forks() >= 0).toList();
        if (withSetup.isEmpty()) {
            return Optional.empty();
        }
        JmhResult r = withSetup.get(0);
        boolean uniform = withSetup.stream().allMatch(x -> x.forks() == r.forks()
                && x.warmupIterations() == r.warmupIterations() && x.measurementIterations() == r.measurementIterations());
        List<String> jdks = withSetup.stream().map(x -> x.jdkVersion() + " (" + x.vmVersion() + ")").distinct().toList();
        return Optional.of("JMH ran " + jmh.size() + " benchmark and parameter combinations on JDK "
                + String.join(" and ", jdks) + (uniform ? ", each in " + r.forks() + " fork" + (r.forks() == 1 ? "" : "s")
                + " of " + r.warmupIterations() + " warmup and " + r.measurementIterations()
                + " measurement iterations of " + r.measurementTime() : ", with differing fork and iteration counts "
                + "(see jmh-*.json)") + ".");
    }
}
