package io.closebench.analysis.report;

import io.closebench.analysis.results.BenchmarkKey;
import io.closebench.analysis.results.FolderGap;
import io.closebench.analysis.results.MatrixRecord;
import io.closebench.analysis.results.ObservationRecord;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.RunToRunChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Writes {@code compare.md} and its charts for two runs (two machines, two JDKs, before and after a
 * change): what differs in their set-up (metadata), then every figure the two runs share, compared
 * with {@link RunToRunChange} (run A the baseline, run B the candidate): the benchmarks' detection
 * latency per combination, the matrix's verdicts and latencies per scenario and observer, and S1's
 * detection times per fault, mechanism and observer. The figures that moved beyond noise come first;
 * forest plots show every change with its interval.
 */
public final class RunComparison {

    /** The comparison's file name. */
    public static final String FILE = "compare.md";

    private static final int CHART_WIDTH = 1100;

    private final RunFolder a;
    private final RunFolder b;
    private final BootstrapSettings settings;
    private final Path out;
    private final String level;
    private final StringBuilder md = new StringBuilder();
    private final List<Path> charts = new ArrayList<>();
    private final List<FigureChange> all = new ArrayList<>();

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
     * @param settings bootstrap resamples, level, seed and expansion cap
     * @param out the folder to write into, created if needed
     * @return what was written; its headlines are the changes beyond noise
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
        List<FigureChange> bench = benchmarks();
        List<FigureChange> matrix = matrixLatency();
        List<FigureChange> cable = cable();
        all.addAll(bench);
        all.addAll(matrix);
        all.addAll(cable);

        md.append("# closebench comparison: ").append(a.name()).append(" against ").append(b.name()).append("\n\n");
        describeRun("A (baseline)", a);
        describeRun("B (candidate)", b);
        setup();
        md.append("## Figures that changed beyond noise\n\n");
        List<String> headlines = all.stream().filter(FigureChange::beyondNoise)
                .sorted(java.util.Comparator.comparingDouble(
                        (FigureChange c) -> -Math.abs(c.change().orElseThrow().relativeChange())))
                .map(FigureChange::sentence).toList();
        if (all.isEmpty()) {
            md.append("The two runs share no figure: nothing to compare.\n\n");
        } else if (headlines.isEmpty()) {
            md.append("None of the ").append(all.size()).append(" figures the two runs share moved beyond noise.\n\n");
        } else {
            md.append(headlines.size()).append(" of the ").append(all.size())
                    .append(" figures the two runs share moved beyond noise (the medians' ratio interval excludes 1 and "
                            + "Mann-Whitney p < ").append(Figures.fixed(settings.alpha(), 2)).append("), largest change "
                            + "first. Beyond noise is not the same as large: a timer-driven figure can move 0.1 % "
                            + "beyond noise; judge the size.\n\n");
            headlines.forEach(h -> md.append("- ").append(h).append('\n'));
            md.append('\n');
        }
        table("## Benchmarks: detection latency, run B against run A", bench);
        verdictChanges();
        table("## Matrix: detection latency, run B against run A", matrix);
        table("## S1: detection time, run B against run A", cable);
        chart("benchmarks", "Benchmarks: median detection latency, run B against run A", bench);
        chart("matrix", "Matrix: median detection latency, run B against run A", matrix);
        chart("cable", "S1: median detection time, run B against run A", cable);
        md.append(MethodNotes.of(settings));
        Path file = out.resolve(FILE);
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        List<FolderGap> gaps = new ArrayList<>();
        a.gaps().forEach(g -> gaps.add(new FolderGap("A " + g.subject(), g.detail())));
        b.gaps().forEach(g -> gaps.add(new FolderGap("B " + g.subject(), g.detail())));
        return new WrittenReport(file, charts, gaps, headlines);
    }

    private void describeRun(String role, RunFolder run) {
        var m = run.metadata();
        md.append("- **Run ").append(role).append("**: `").append(run.folder()).append("`, ").append(m.getOrUnknown("date"))
                .append(" on `").append(m.getOrUnknown("host")).append("`, kernel ").append(m.getOrUnknown("kernel"))
                .append(", ").append(m.getOrUnknown("jdk")).append(", commit `").append(m.getOrUnknown("git.commit"))
                .append("`, status: ").append(run.status().text().orElse("unknown")).append('\n');
        for (FolderGap g : run.gaps()) {
            md.append("  - partial: `").append(g.subject()).append("`: ").append(g.detail()).append('\n');
        }
    }

    private void setup() {
        md.append("\n## What differs in the set-up\n\n");
        Set<String> keys = new LinkedHashSet<>(a.metadata().values().keySet());
        keys.addAll(b.metadata().values().keySet());
        keys.remove("date");
        MarkdownTable t = new MarkdownTable("metadata", "run A", "run B");
        for (String k : keys) {
            String va = a.metadata().get(k).orElse("(absent)");
            String vb = b.metadata().get(k).orElse("(absent)");
            if (!va.equals(vb)) {
                t.row(k, va, vb);
            }
        }
        md.append(t.isEmpty() ? "Both runs' metadata agree (besides the date).\n\n" : t.render() + "\n");
        md.append("A change below can come from any of these differences, or from the machine's state at the time.\n\n");
    }

    // ---------------------------------------------------------------- figures

    private List<FigureChange> benchmarks() {
        List<FigureChange> changes = new ArrayList<>();
        for (Map.Entry<BenchmarkKey, Histogram> e : a.latency().entrySet()) {
            Histogram other = b.latency().get(e.getKey());
            if (other == null || e.getValue().getTotalCount() == 0 || other.getTotalCount() == 0) {
                continue;
            }
            BenchmarkKey k = e.getKey();
            String label = RunReport.shortBenchmark(k.benchmark()) + " " + k.scenario() + " " + k.loadLabel() + " "
                    + k.observer();
            changes.add(FigureChange.of("benchmarks", label, ObserverVerdict.expand(e.getValue(), settings),
                    ObserverVerdict.expand(other, settings), settings));
        }
        return changes;
    }

    private List<FigureChange> matrixLatency() {
        Map<String, long[]> inA = observed(a);
        Map<String, long[]> inB = observed(b);
        List<FigureChange> changes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : inA.entrySet()) {
            if (inB.containsKey(e.getKey())) {
                changes.add(FigureChange.of("matrix", e.getKey(), e.getValue(), inB.get(e.getKey()), settings));
            }
        }
        return changes;
    }

    /** "scenario observer" to the timed detections of the matrix's observations. */
    private static Map<String, long[]> observed(RunFolder run) {
        Map<String, List<Long>> values = new LinkedHashMap<>();
        for (ObservationRecord o : run.observations()) {
            List<Long> v = values.computeIfAbsent(o.scenarioId() + " " + o.observer(), k -> new ArrayList<>());
            if (o.isTimedDetection()) {
                v.add(o.latencyNanos());
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    private List<FigureChange> cable() {
        Map<String, CableGroup> inB = new LinkedHashMap<>();
        CableGroup.of(b.cable()).forEach(g -> inB.put(g.id(), g));
        List<FigureChange> changes = new ArrayList<>();
        for (CableGroup g : CableGroup.of(a.cable())) {
            CableGroup other = inB.get(g.id());
            if (other == null) {
                continue;
            }
            long[] va = detected(g);
            long[] vb = detected(other);
            if (va.length == 0 && vb.length == 0) {
                changes.add(new FigureChange("cable", g.id(), Optional.empty(), g.id()
                        + ": nothing detected by the bound in either run (A: " + g.outcomes().describe() + "; B: "
                        + other.outcomes().describe() + ")"));
                continue;
            }
            changes.add(FigureChange.of("cable", g.id(), va, vb, settings));
        }
        return changes;
    }

    /** t1 - t0 of the connections that detected something (a wait until the bound is no detection time). */
    private static long[] detected(CableGroup g) {
        return g.rows().stream().filter(r -> !r.reachedBound() && r.detectionNanos() > 0)
                .mapToLong(r -> r.detectionNanos()).toArray();
    }

    // ---------------------------------------------------------------- output

    private void table(String title, List<FigureChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        md.append(title).append("\n\n");
        MarkdownTable t = new MarkdownTable("figure", ">n A/B", ">median A", ">median B", ">B/A (" + level + " CI)",
                "beyond noise", "what it means");
        for (FigureChange c : changes) {
            Optional<RunToRunChange> r = c.change();
            t.row(c.label(),
                    r.map(x -> x.comparison().nA() + "/" + x.comparison().nB()).orElse("-"),
                    r.map(x -> Figures.duration(x.comparison().medianA())).orElse("-"),
                    r.map(x -> Figures.duration(x.comparison().medianB())).orElse("-"),
                    r.map(x -> Figures.ratioWithInterval(x.comparison().ratio(), x.comparison().ratioInterval()))
                            .orElse("-"),
                    c.beyondNoise() ? "**yes**" : "no", c.sentence());
        }
        md.append(t.render()).append('\n');
    }

    private void verdictChanges() {
        if (a.matrix().isEmpty() || b.matrix().isEmpty()) {
            return;
        }
        Map<String, MatrixRecord> inB = new LinkedHashMap<>();
        b.matrix().forEach(r -> inB.put(r.caseId() + " " + r.scenarioId() + " " + r.observer(), r));
        MarkdownTable t = new MarkdownTable("case", "scenario", "observer", "run A", "run B");
        for (MatrixRecord r : a.matrix()) {
            MatrixRecord other = inB.get(r.caseId() + " " + r.scenarioId() + " " + r.observer());
            if (other != null && (!other.verdict().equals(r.verdict()) || !other.dominantOutcome().equals(r.dominantOutcome()))) {
                t.row(r.caseId(), r.scenarioId(), r.observer(), r.verdict() + ": " + describe(r),
                        other.verdict() + ": " + describe(other));
            }
        }
        md.append("## Matrix: verdicts that changed\n\n");
        md.append(t.isEmpty() ? "Every scenario and observer both runs ran has the same verdict and dominant outcome.\n\n"
                : t.render() + "\n");
    }

    private static String describe(MatrixRecord r) {
        return OutcomeCounts.parse(List.of(r.outcomeCounts())).describe();
    }

    private void chart(String name, String title, List<FigureChange> changes) throws IOException {
        List<ChangeChart.Row> rows = changes.stream().map(FigureChange::chartRow).flatMap(Optional::stream).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (charts.isEmpty()) {
            md.append("## Charts\n\nEach row: the median's change from run A to run B with its interval; red where it is "
                    + "beyond noise. Figures without an interval are left out. Every chart is also written as SVG.\n\n");
        }
        String file = "compare-" + name + ".png";
        charts.addAll(ChartFiles.write(ChangeChart.of(title, a.name() + " (A) against " + b.name() + " (B)", rows, level),
                out.resolve(RunReport.CHARTS).resolve(file), CHART_WIDTH, ChangeChart.height(rows.size())));
        md.append("![").append(title).append("](").append(RunReport.CHARTS).append('/').append(file).append(")\n\n");
    }
}
