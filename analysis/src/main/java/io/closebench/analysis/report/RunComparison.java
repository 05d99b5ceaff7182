package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.FolderGap;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ChangeFamily;
import io.closebench.analysis.stats.ForkAwareChange;
import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.ObservationRecord;
import io.closebench.schema.row.SummaryRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code compare.md} and its charts for two runs (two machines, two JDKs, before and after a
 * change): what differs in their set-up (the JDKs first, which every figure depends on), then every
 * figure the two runs share, decided together as one {@link ChangeFamily} (the JDKs, when they differ, are said
 * before anything else, with the figures only one JDK could measure): a figure moved beyond
 * noise only when its fork-aware change ({@link ForkAwareChange}) meets its own conditions and its
 * p-value survives Benjamini-Hochberg over all judged figures. Figures with one fork in a run (every
 * matrix and S1 figure: one process per run) are shown and not judged. The figures that moved come
 * first; forest plots show every change with its interval.
 */
public final class RunComparison {

    /** The comparison's file name. */
    public static final String FILE = "compare.md";

    private static final int CHART_WIDTH = 1100;

    /** The metadata keys that decide figures most, listed first when they differ. */
    private static final List<String> SETUP_KEYS = List.of(MetadataKey.JDK, MetadataKey.BENCH_JVM, MetadataKey.KERNEL,
            MetadataKey.CPU_MODEL, MetadataKey.CPU_CORES, MetadataKey.CPU_LIST, MetadataKey.AFFINITY,
            MetadataKey.CPUIDLE_GOVERNOR, MetadataKey.CPUIDLE_DRIVER, MetadataKey.CPUFREQ_GOVERNOR, MetadataKey.CLOCKSOURCE,
            MetadataKey.VIRTUALIZATION, MetadataKey.ISOLCPUS, MetadataKey.NOHZ_FULL);

    private final RunFolder a;
    private final RunFolder b;
    private final BootstrapSettings settings;
    private final Path out;
    private final String level;
    private final StringBuilder md = new StringBuilder();
    private final List<Path> charts = new ArrayList<>();
    /** The matrix rows whose verdict or dominant outcome changed, one sentence each. */
    private final List<String> changedVerdicts = new ArrayList<>();

    private RunComparison(RunFolder a, RunFolder b, BootstrapSettings settings, Path out) {
        this.a = a;
        this.b = b;
        this.settings = settings;
        this.out = out;
        this.level = Figures.level(settings.confidenceLevel());
    }

    /**
     * The folder a comparison goes to when the user names none: next to run A, named after both runs,
     * so that comparing A with several runs keeps every comparison.
     *
     * @param a the baseline run's folder
     * @param b the candidate run's folder
     * @return {@code <A's parent>/compare-<A>-vs-<B>}
     */
    public static Path defaultFolder(Path a, Path b) {
        Path parent = a.toAbsolutePath().normalize().getParent();
        return parent.resolve("compare-" + a.toAbsolutePath().normalize().getFileName() + "-vs-"
                + b.toAbsolutePath().normalize().getFileName());
    }

    /**
     * @param a the baseline run
     * @param b the candidate run
     * @param settings bootstrap resamples, level and seed; the family's q is {@code 1 - level}
     * @param out the folder to write into, created if needed
     * @return what was written; its headlines are the JDK difference (when the JDKs differ), then the changes
     *     beyond noise
     * @throws IOException if a file cannot be written
     */
    public static WrittenReport write(RunFolder a, RunFolder b, BootstrapSettings settings, Path out) throws IOException {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        ChartFiles.headless();
        Files.createDirectories(out);
        return new RunComparison(a, b, settings, out).build();
    }

    private WrittenReport build() throws IOException {
        List<FigureChange> all = new ArrayList<>();
        all.addAll(benchmarks());
        all.addAll(matrixLatency());
        all.addAll(cable());
        List<ChangeFamily.Figure> family = new ArrayList<>();
        all.forEach(f -> f.change().ifPresent(ch -> family.add(new ChangeFamily.Figure(f.label(), ch))));
        ChangeFamily decided = ChangeFamily.of(family, "A", "B");
        List<FigureChange> figures = new ArrayList<>();
        int next = 0;
        for (FigureChange f : all) {
            figures.add(f.change().isPresent() ? f.decided(decided.outcomes().get(next++)) : f);
        }

        md.append("# closebench comparison: ").append(a.name()).append(" against ").append(b.name()).append("\n\n");
        Optional<String> jdks = jdkDifference();
        jdks.ifPresent(j -> md.append(j).append("\n\n"));
        describeRun("A (baseline)", a);
        describeRun("B (candidate)", b);
        setup();
        headlines(figures, decided);
        table("## Benchmarks: detection latency, run B against run A", section(figures, "benchmarks"));
        onlyInOneRun();
        verdictChanges();
        table("## Matrix: detection latency, run B against run A", section(figures, "matrix"));
        table("## S1: detection time, run B against run A", section(figures, "cable"));
        chart("benchmarks", "Benchmarks: median detection latency, run B against run A", section(figures, "benchmarks"));
        chart("matrix", "Matrix: median detection latency, run B against run A", section(figures, "matrix"));
        chart("cable", "S1: median detection time, run B against run A", section(figures, "cable"));
        md.append(MethodNotes.comparison(settings));
        Path file = out.resolve(FILE);
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        List<FolderGap> gaps = new ArrayList<>();
        a.gaps().forEach(g -> gaps.add(new FolderGap("A " + g.subject(), g.detail())));
        b.gaps().forEach(g -> gaps.add(new FolderGap("B " + g.subject(), g.detail())));
        List<String> headlines = new ArrayList<>();
        jdks.ifPresent(j -> headlines.add(j.replace("**", "")));
        List<String> changes = new ArrayList<>();
        figures.stream().filter(FigureChange::beyondNoise).sorted(largestFirst()).map(FigureChange::sentence)
                .forEach(s -> {
                    headlines.add(s);
                    changes.add(s);
                });
        changes.addAll(changedVerdicts);
        return new WrittenReport(file, charts, gaps, headlines, changes);
    }

    private static Comparator<FigureChange> largestFirst() {
        return Comparator.comparingDouble((FigureChange c) -> -Math.abs(c.change().orElseThrow().relativeChange()));
    }

    private static List<FigureChange> section(List<FigureChange> figures, String section) {
        return figures.stream().filter(f -> f.section().equals(section)).toList();
    }

    private void describeRun(String role, RunFolder run) {
        var m = run.metadata();
        md.append("- **Run ").append(role).append("**: `").append(run.folder()).append("`, ")
                .append(m.getOrUnknown(MetadataKey.DATE)).append(" on `").append(m.getOrUnknown(MetadataKey.HOST))
                .append("`, kernel ").append(m.getOrUnknown(MetadataKey.KERNEL)).append(", harness JDK ")
                .append(m.getOrUnknown(MetadataKey.JDK)).append(", benchmark forks' JDK ").append(forkJdks(run))
                .append(", commit `").append(m.getOrUnknown(MetadataKey.GIT_COMMIT)).append("`, status: ")
                .append(run.status().describe()).append('\n');
        for (FolderGap g : run.gaps()) {
            md.append("  - partial: `").append(g.subject()).append("`: ").append(g.detail()).append('\n');
        }
    }

    private static String forkJdks(RunFolder run) {
        Set<String> jdks = RunReport.forkJdks(run);
        return jdks.isEmpty() ? "none (no benchmarks)" : String.join("; ", jdks);
    }

    private void setup() {
        md.append("\n## What differs in the set-up\n\n");
        notCompared();
        Set<String> keys = new LinkedHashSet<>(SETUP_KEYS);
        keys.addAll(a.metadata().values().keySet());
        keys.addAll(b.metadata().values().keySet());
        keys.remove(MetadataKey.DATE);
        AlignedTable t = new AlignedTable("metadata", "run A", "run B");
        for (String k : keys) {
            String va = a.metadata().get(k).orElse("(absent)");
            String vb = b.metadata().get(k).orElse("(absent)");
            if (!va.equals(vb)) {
                t.row(k, va, vb);
            }
        }
        md.append(t.isEmpty() ? "Both runs' metadata agree (besides the date).\n\n" : t.markdown() + "\n");
        Set<String> placementsA = placements(a);
        Set<String> placementsB = placements(b);
        if (!placementsA.equals(placementsB)) {
            md.append("Run A measured under the placements ").append(placementsA).append(", run B under ")
                    .append(placementsB).append(": figures are compared only where placement, idle time and load "
                            + "match, as they are part of every figure's key.\n\n");
        }
        md.append("A change below can come from any of these differences, or from the machine's state at the time.\n\n");
    }

    /** "The JDKs differ: ..." when the benchmark forks of the figures both runs share ran on different JDKs. */
    private Optional<String> jdkDifference() {
        Map<String, Integer> pairs = new LinkedHashMap<>();
        int shared = 0;
        for (BenchmarkKey k : a.latency().keySet()) {
            if (b.latency().containsKey(k)) {
                shared++;
                String ja = a.jdk(k);
                String jb = b.jdk(k);
                if (!ja.equals(jb)) {
                    pairs.merge("run A's forks ran on " + ja + ", run B's on " + jb, 1, Integer::sum);
                }
            }
        }
        String harnessA = a.metadata().getOrUnknown(MetadataKey.JDK);
        String harnessB = b.metadata().getOrUnknown(MetadataKey.JDK);
        List<String> parts = new ArrayList<>();
        final int of = shared;
        pairs.forEach((words, n) -> parts.add(words + " (" + n + " of the " + of + " benchmark figures both runs have)"));
        if (!harnessA.equals(harnessB) && (!a.matrix().isEmpty() || !b.matrix().isEmpty())) {
            parts.add("the matrix ran on " + harnessA + " in run A and on " + harnessB + " in run B");
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        long oneRunOnly = oneRunOnly().size();
        return Optional.of("**The JDKs differ**: " + String.join("; ", parts) + ". Every change below may be the JDK's."
                + (oneRunOnly == 0 ? "" : " " + oneRunOnly + " benchmark figure" + (oneRunOnly == 1 ? " was" : "s were")
                        + " measured in one run only: " + String.join("; ", oneRunOnlyReasons()) + " (see \"Benchmarks "
                        + "measured in one run only\")."));
    }

    /** The combinations that have a latency in one run only, or are skipped in one. */
    private Set<BenchmarkKey> oneRunOnly() {
        Set<BenchmarkKey> keys = new TreeSet<>(a.latency().keySet());
        keys.addAll(b.latency().keySet());
        a.skipped().forEach(r -> keys.add(r.key()));
        b.skipped().forEach(r -> keys.add(r.key()));
        keys.removeIf(k -> a.latency().containsKey(k) && b.latency().containsKey(k));
        return keys;
    }

    /** "VIRTUAL (2 figures) in run B only, run A skipped: virtual threads need JDK 21 ...", one per model and reason. */
    private List<String> oneRunOnlyReasons() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (BenchmarkKey k : oneRunOnly()) {
            String inA = presence(a, k);
            String inB = presence(b, k);
            String words = inA.equals("measured") ? " in run A only, run B " + inB
                    : inB.equals("measured") ? " in run B only, run A " + inA : ", run A " + inA + ", run B " + inB;
            reasons.merge(k.observer() + "\u0000" + words, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        reasons.forEach((w, n) -> {
            String[] p = w.split("\u0000", 2);
            out.add(p[0] + " (" + n + " figure" + (n == 1 ? "" : "s") + ")" + p[1]);
        });
        return out;
    }

    /** Mass deaths and soaks are in each run's report; the comparison says so rather than leave them out silently. */
    private void notCompared() {
        List<String> parts = new ArrayList<>();
        if (!a.massDeath().isEmpty() || !b.massDeath().isEmpty()) {
            parts.add("mass death");
        }
        if (!a.soak().isEmpty() || !b.soak().isEmpty()) {
            parts.add("soak");
        }
        if (!parts.isEmpty()) {
            md.append("Not compared here: ").append(String.join(" and ", parts)).append(" (each run's `report.md` has "
                    + "them, with the JDK each ran on).\n\n");
        }
    }

    private static Set<String> placements(RunFolder run) {
        Set<String> p = new TreeSet<>();
        run.latency().keySet().forEach(k -> p.add(k.placement().name()));
        run.matrix().forEach(r -> r.placement().ifPresent(x -> p.add(x.name())));
        return p;
    }

    private void headlines(List<FigureChange> figures, ChangeFamily decided) {
        md.append("## Figures that changed beyond noise\n\n");
        long notJudged = figures.stream().filter(f -> f.change().isPresent() && !f.judged()).count();
        long cannot = figures.stream().filter(f -> f.change().isEmpty()).count();
        if (figures.isEmpty()) {
            md.append("The two runs share no figure: nothing to compare.\n\n");
            return;
        }
        String q = Figures.fixed(decided.q(), 2);
        if (decided.familySize() == 0) {
            md.append("No figure could be judged: a change is decided only where both runs have two forks or more "
                    + "(then together, by Benjamini-Hochberg at q = ").append(q).append(")");
        } else {
            md.append("Decided together: Benjamini-Hochberg at q = ").append(q).append(" over the ")
                    .append(decided.familySize()).append(" judged figure").append(decided.familySize() == 1 ? "" : "s")
                    .append(" (both runs with two forks or more), each also required to exceed the fork-to-fork "
                            + "spread of both runs and to survive leaving out any one iteration");
        }
        if (notJudged > 0) {
            md.append("; ").append(notJudged).append(" figure").append(notJudged == 1 ? " has" : "s have")
                    .append(" one fork in a run: run-to-run noise unknown (one fork), not judged");
        }
        if (cannot > 0) {
            md.append("; ").append(cannot).append(" cannot be compared");
        }
        md.append(".\n\n");
        List<FigureChange> beyond = figures.stream().filter(FigureChange::beyondNoise).sorted(largestFirst()).toList();
        if (beyond.isEmpty()) {
            md.append("None of the ").append(figures.size()).append(" figures the two runs share moved beyond noise")
                    .append(decided.familySize() < figures.size() ? " (" + decided.familySize() + " of them judged)" : "")
                    .append(".\n\n");
            return;
        }
        md.append(beyond.size()).append(" of the ").append(figures.size()).append(" figures the two runs share moved "
                + "beyond noise, largest change first. Beyond noise is not the same as large: judge the size.\n\n");
        beyond.forEach(f -> md.append("- ").append(f.sentence()).append('\n'));
        md.append('\n');
    }

    // ---------------------------------------------------------------- figures

    private List<FigureChange> benchmarks() {
        List<FigureChange> changes = new ArrayList<>();
        for (Map.Entry<BenchmarkKey, ForkedLatency> e : a.latency().entrySet()) {
            ForkedLatency other = b.latency().get(e.getKey());
            if (other == null) {
                continue;
            }
            BenchmarkKey k = e.getKey();
            String label = RunReport.shortBenchmark(k.benchmark()) + " " + k.scenario() + " " + k.observer() + ", "
                    + Figures.conditions(k);
            changes.add(FigureChange.of("benchmarks", label, e.getValue(), other, settings));
        }
        return changes;
    }

    private List<FigureChange> matrixLatency() {
        Map<String, long[]> inA = observed(a);
        Map<String, long[]> inB = observed(b);
        List<FigureChange> changes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : inA.entrySet()) {
            long[] other = inB.get(e.getKey());
            if (other == null) {
                continue;
            }
            String label = "matrix " + e.getKey();
            String units = "repetitions";
            if (e.getValue().length == 0 || other.length == 0) {
                changes.add(FigureChange.cannotCompare("matrix", label, "run " + (e.getValue().length == 0 ? "A" : "B")
                        + " has no detection with a known time"));
            } else {
                changes.add(FigureChange.of("matrix", label, ForkedLatency.oneProcess(e.getValue()),
                        ForkedLatency.oneProcess(other), settings)
                        .inUnits(units));
            }
        }
        return changes;
    }

    /** "scenario observer, placement" to the timed detections of the matrix's observations. */
    private static Map<String, long[]> observed(RunFolder run) {
        Map<String, List<Long>> values = new LinkedHashMap<>();
        for (ObservationRecord o : run.observations()) {
            List<Long> v = values.computeIfAbsent(o.scenarioId() + " " + o.observer() + ", " + o.placement(),
                    k -> new ArrayList<>());
            if (o.isTimedDetection()) {
                v.add(o.latencyNanos());
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    private List<FigureChange> cable() {
        Map<String, CableFigures> inB = new LinkedHashMap<>();
        CableFigures.of(b.cable()).forEach(g -> inB.put(g.idWithSettings(), g));
        List<CableFigures> inA = CableFigures.of(a.cable());
        // the short label, unless one mechanism ran with two settings
        Map<String, Long> sameLabel = inA.stream().collect(java.util.stream.Collectors.groupingBy(CableFigures::id,
                java.util.stream.Collectors.counting()));
        List<FigureChange> changes = new ArrayList<>();
        for (CableFigures g : inA) {
            CableFigures other = inB.get(g.idWithSettings());
            if (other == null) {
                continue;
            }
            String label = sameLabel.get(g.id()) > 1 ? g.idWithSettings() : g.id();
            long[] va = detected(g);
            long[] vb = detected(other);
            if (va.length == 0 || vb.length == 0) {
                changes.add(FigureChange.cannotCompare("cable", label, va.length == 0 && vb.length == 0
                        ? "nothing detected by the bound in either run (A: " + g.outcomeSummary() + "; B: "
                                + other.outcomeSummary() + ")"
                        : "run " + (va.length == 0 ? "A" : "B") + " detected nothing by the bound"));
                continue;
            }
            changes.add(FigureChange.of("cable", label, ForkedLatency.oneProcess(va), ForkedLatency.oneProcess(vb),
                    settings).inUnits("connections"));
        }
        return changes;
    }

    /** t1 - t0 of the connections that detected something (a wait until the bound is no detection time). */
    private static long[] detected(CableFigures g) {
        return g.rows().stream().filter(r -> !r.reachedBound() && r.detectionNanos() > 0)
                .mapToLong(r -> r.detectionNanos()).toArray();
    }

    // ---------------------------------------------------------------- output

    private void table(String title, List<FigureChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        md.append(title).append("\n\n");
        AlignedTable t = new AlignedTable("figure", "design A / B", ">median A", ">median B",
                ">B/A (" + level + " CI)", "decision", ">adjusted p", "what it means");
        for (FigureChange c : changes) {
            Optional<ForkAwareChange> ch = c.change();
            t.row(c.label(),
                    c.design(),
                    c.a().map(x -> ThreeFigureDuration.of(x.pooledMedian())).orElse("-"),
                    c.b().map(x -> ThreeFigureDuration.of(x.pooledMedian())).orElse("-"),
                    ch.map(x -> Figures.ratioWithInterval(x.ratio(), x.comparison().ratio().interval())).orElse("-"),
                    c.outcome().map(o -> decision(o.decision())).orElse("cannot compare"),
                    c.outcome().flatMap(o -> o.adjustedP().isPresent()
                            ? Optional.of(Figures.fixed(o.adjustedP().getAsDouble(), 3)) : Optional.empty()).orElse("-"),
                    c.sentence());
        }
        md.append(t.markdown()).append('\n');
    }

    private static String decision(ChangeFamily.Decision d) {
        return switch (d) {
            case ROSE -> "**rose**";
            case FELL -> "**fell**";
            case WITHIN_NOISE -> "within noise";
            case NOT_JUDGED -> "not judged (one fork)";
        };
    }

    /** Combinations measured in one run only, or skipped in one: never silently left out of the comparison. */
    private void onlyInOneRun() {
        AlignedTable t = new AlignedTable("combination", "run A", "run B");
        for (BenchmarkKey k : oneRunOnly()) {
            t.row(RunReport.shortBenchmark(k.benchmark()) + " " + k.scenario() + " " + k.observer() + ", "
                    + Figures.conditions(k) + ", JDK " + Figures.jdk(a.jdk(k)) + " / " + Figures.jdk(b.jdk(k)),
                    presence(a, k), presence(b, k));
        }
        if (!t.isEmpty()) {
            md.append("## Benchmarks measured in one run only\n\n");
            md.append(t.markdown()).append('\n');
        }
    }

    private static String presence(RunFolder run, BenchmarkKey k) {
        if (run.latency().containsKey(k)) {
            return "measured";
        }
        return run.summaryRow(k).flatMap(SummaryRecord::skippedReason).map(r -> "skipped: " + r).orElse("not run");
    }

    private void verdictChanges() {
        if (a.matrix().isEmpty() || b.matrix().isEmpty()) {
            return;
        }
        Map<String, MatrixRecord> inB = new LinkedHashMap<>();
        b.matrix().forEach(r -> inB.put(id(r), r));
        AlignedTable t = new AlignedTable("case", "scenario", "observer", "placement", "run A", "run B");
        for (MatrixRecord r : a.matrix()) {
            MatrixRecord other = inB.get(id(r));
            if (other != null && (other.verdict() != r.verdict() || !other.dominantOutcome().equals(r.dominantOutcome()))) {
                t.row(r.caseId(), r.scenarioId(), r.observerName(), r.placement().map(Enum::name).orElse("-"),
                        r.verdict() + ": " + describe(r), other.verdict() + ": " + describe(other));
                changedVerdicts.add("matrix " + r.scenarioId() + " " + r.observerName()
                        + r.placement().map(p -> ", " + p).orElse("") + ": run A " + r.verdict() + " (" + describe(r)
                        + "), run B " + other.verdict() + " (" + describe(other) + ")");
            }
        }
        md.append("## Matrix: verdicts that changed\n\n");
        md.append(t.isEmpty() ? "Every scenario, observer and placement both runs ran has the same verdict and dominant "
                + "outcome.\n\n" : t.markdown() + "\n");
    }

    private static String id(MatrixRecord r) {
        return r.caseId() + " " + r.scenarioId() + " " + r.observerName() + " " + r.placement().map(Enum::name).orElse("");
    }

    private static String describe(MatrixRecord r) {
        return r.ran() ? OutcomeCounts.parse(List.of(r.outcomeCounts())).describe() + (r.partial() ? " (partial)" : "")
                : r.why();
    }

    private void chart(String name, String title, List<FigureChange> changes) throws IOException {
        List<ChangeChart.Row> rows = changes.stream().map(FigureChange::chartRow).flatMap(Optional::stream).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (charts.isEmpty()) {
            md.append("## Charts\n\nEach row: the median's change from run A to run B with its interval; red where it is "
                    + "beyond noise, grey where it is not, light grey where it was not judged (one fork in a run). Figures "
                    + "without an interval are left out. Every chart is also written as SVG.\n\n");
        }
        String file = "compare-" + name + ".png";
        charts.addAll(ChartFiles.write(ChangeChart.of(title, a.name() + " (A) against " + b.name() + " (B)", rows, level),
                out.resolve(RunReport.CHARTS).resolve(file), CHART_WIDTH, ChangeChart.height(rows.size())));
        md.append("![").append(title).append("](").append(RunReport.CHARTS).append('/').append(file).append(")\n\n");
    }
}
