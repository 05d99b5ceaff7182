package io.closebench.analysis.report;

import io.closebench.analysis.results.BenchmarkKey;
import io.closebench.analysis.results.FolderGap;
import io.closebench.analysis.results.JmhResult;
import io.closebench.analysis.results.MatrixRecord;
import io.closebench.analysis.results.ObservationRecord;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.LatencySummary;
import io.closebench.analysis.stats.MedianComparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Writes {@code report.md} and its charts for one results folder: the conformance matrix first
 * (verdict counts, the rows that depart from the note and why, NIO against blocking on the matrix's
 * exact latencies), then the benchmarks' latency figures per benchmark, scenario, observer and load
 * with intervals, NIO against blocking as plain-language verdicts, idle against loaded, S1's detection
 * times against each mechanism's rule, the charts, and how every figure was computed. A partial folder
 * gives a report that opens by saying what is missing.
 *
 * <p>The report holds no clock time and every bootstrap is seeded, so the same folder and settings
 * give the same file byte for byte.
 */
public final class RunReport {

    /** The report's file name, written into the results folder. */
    public static final String FILE = "report.md";

    /** The charts' folder, next to the report. */
    public static final String CHARTS = "charts";

    private static final int LATENCY_CHART_WIDTH = 1100;
    private static final int LATENCY_CHART_HEIGHT = 520;
    private static final int CABLE_CHART_WIDTH = 1100;

    private final RunFolder run;
    private final BootstrapSettings settings;
    private final Path out;
    private final StringBuilder md = new StringBuilder();
    private final List<Path> charts = new ArrayList<>();
    private final List<String> headlines = new ArrayList<>();
    private final Map<BenchmarkKey, LatencyFigures> figures = new TreeMap<>();
    private final String level;

    private RunReport(RunFolder run, BootstrapSettings settings, Path out) {
        this.run = run;
        this.settings = settings;
        this.out = out;
        this.level = Figures.level(settings.confidenceLevel());
    }

    /**
     * Writes {@value #FILE} and {@value #CHARTS}/ into the run's own folder.
     *
     * @param run a folder read by {@link RunFolder#read(Path)}
     * @param settings bootstrap resamples, level, seed and expansion cap
     * @return what was written
     * @throws IOException if a file cannot be written
     */
    public static WrittenReport write(RunFolder run, BootstrapSettings settings) throws IOException {
        return write(run, settings, run.folder());
    }

    /**
     * Writes {@value #FILE} and {@value #CHARTS}/ into {@code out}.
     *
     * @param run a folder read by {@link RunFolder#read(Path)}
     * @param settings bootstrap resamples, level, seed and expansion cap
     * @param out the folder to write into, created if needed
     * @return what was written
     * @throws IOException if a file cannot be written
     */
    public static WrittenReport write(RunFolder run, BootstrapSettings settings, Path out) throws IOException {
        ChartFiles.headless();
        Files.createDirectories(out);
        return new RunReport(run, settings, out).build();
    }

    private WrittenReport build() throws IOException {
        for (Map.Entry<BenchmarkKey, Histogram> e : run.latency().entrySet()) {
            if (e.getValue().getTotalCount() > 0) {
                figures.put(e.getKey(), LatencyFigures.of(e.getKey(), e.getValue(),
                        run.percentiles().getOrDefault(e.getKey(), List.of()), run.jmhResult(e.getKey()),
                        settings.confidenceLevel()));
            }
        }
        header();
        matrix();
        latencyTables();
        observerVerdicts();
        loadEffects();
        cableTables();
        latencyCharts();
        cableCharts();
        md.append(MethodNotes.of(settings));
        filesRead();
        Path file = out.resolve(FILE);
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        return new WrittenReport(file, charts, run.gaps(), headlines);
    }

    private void header() {
        var m = run.metadata();
        md.append("# closebench report: ").append(run.name()).append("\n\n");
        md.append("Run of ").append(m.getOrUnknown("date")).append(" on `").append(m.getOrUnknown("host")).append("`: ")
                .append(m.getOrUnknown("os")).append(", kernel ").append(m.getOrUnknown("kernel")).append(", ")
                .append(m.getOrUnknown("jdk")).append(", ").append(m.getOrUnknown("cpu.model")).append(" (")
                .append(m.getOrUnknown("cpu.cores")).append(" cores), commit `").append(m.getOrUnknown("git.commit"))
                .append("`.");
        m.get("job").ifPresent(job -> md.append(" Job: ").append(job).append('.'));
        md.append(" Status: ").append(run.status().text().orElse("unknown (no status.txt)")).append(".\n\n");
        if (run.isPartial()) {
            md.append("> **Partial report.** This folder is incomplete; figures below cover only what is present.\n>\n");
            for (FolderGap g : run.gaps()) {
                md.append("> - `").append(g.subject()).append("`: ").append(g.detail()).append('\n');
            }
            md.append('\n');
        }
        md.append("Every figure below is recomputed from the folder's own files (listed at the end); "
                + "how, and with which settings, is in the section \"How the figures were computed\".\n\n");
    }

    // ---------------------------------------------------------------- conformance matrix

    private void matrix() {
        md.append("## Conformance matrix\n\n");
        if (run.matrix().isEmpty()) {
            md.append(run.metadata().ranMatrix() ? "The matrix is missing from this folder (see above).\n\n"
                    : "This run did not run the conformance matrix.\n\n");
            return;
        }
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        for (String v : List.of("AGREES", "PARTLY", "DIFFERS", "PENDING")) {
            verdicts.put(v, 0);
        }
        run.matrix().forEach(r -> verdicts.merge(r.verdict(), 1, Integer::sum));
        List<Long> reps = run.matrix().stream().filter(r -> !r.verdict().equals("PENDING"))
                .map(MatrixRecord::repetitions).distinct().toList();
        md.append(run.matrix().size()).append(" rows, one per scenario and observer")
                .append(reps.size() == 1 ? ", " + reps.get(0) + " repetitions each" : "")
                .append(". The verdict compares what happened with the field note's claim for Linux.\n\n");
        MarkdownTable counts = new MarkdownTable("verdict", ">rows", "meaning");
        Map<String, String> meaning = Map.of(
                "AGREES", "every repetition matched the note",
                "PARTLY", "some repetitions matched, or the outcome matched but not the byte accounting",
                "DIFFERS", "no repetition matched: a finding about this OS",
                "PENDING", "not run here");
        verdicts.forEach((v, n) -> counts.row(v, String.valueOf(n), meaning.getOrDefault(v, "")));
        md.append(counts.render()).append('\n');

        List<MatrixRecord> departing = run.matrix().stream().filter(r -> !r.verdict().equals("AGREES")).toList();
        if (!departing.isEmpty()) {
            md.append("### Rows that depart from the note, and why\n\n");
            MarkdownTable t = new MarkdownTable("case", "scenario", "peer", "observer", "note says", "observed",
                    ">median t1-t0", "verdict", "why");
            for (MatrixRecord r : departing) {
                t.row(r.caseId(), r.scenarioId(), r.peerRuntime(), r.observer(), r.noteOutcome(),
                        OutcomeCounts.parse(List.of(r.outcomeCounts())).describe(),
                        r.medianLatencyNanos() > 0 ? Figures.duration(r.medianLatencyNanos()) : "-", r.verdict(), r.why());
            }
            md.append(t.render()).append('\n');
        }
        matrixObserverVerdicts();
    }

    private void matrixObserverVerdicts() {
        if (run.observations().isEmpty()) {
            return;
        }
        Map<String, List<ObservationRecord>> byScenario = new LinkedHashMap<>();
        run.observations().forEach(o -> byScenario.computeIfAbsent(o.scenarioId(), k -> new ArrayList<>()).add(o));
        md.append("### NIO against blocking in the matrix\n\n");
        md.append("From the exact latencies of `observations-*.csv`, repetitions that detected the end at a known "
                + "time (timeouts and harness failures left out). Both observers alternated repetition by "
                + "repetition on the same machine. With so few repetitions only large differences can show.\n\n");
        MarkdownTable t = new MarkdownTable("scenario", "peer", ">BLOCKING median", ">NIO median",
                ">NIO/BLOCKING (" + level + " CI)", "verdict");
        for (Map.Entry<String, List<ObservationRecord>> e : byScenario.entrySet()) {
            long[] blocking = timed(e.getValue(), "BLOCKING");
            long[] nio = timed(e.getValue(), "NIO");
            OutcomeCounts outcomes = new OutcomeCounts();
            e.getValue().forEach(o -> outcomes.add(o.outcome(), 1));
            ObserverVerdict v = ObserverVerdict.of(e.getKey(), outcomes.dominant(), blocking, nio, settings);
            t.row(e.getKey(), e.getValue().get(0).peerRuntime(), medianOf(v, true), medianOf(v, false), ratioOf(v),
                    v.sentence());
        }
        md.append(t.render()).append('\n');
    }

    private static long[] timed(List<ObservationRecord> rows, String observer) {
        return rows.stream().filter(o -> o.observer().equals(observer) && o.isTimedDetection())
                .mapToLong(ObservationRecord::latencyNanos).toArray();
    }

    // ---------------------------------------------------------------- benchmarks

    private void latencyTables() {
        md.append("## Detection latency in the benchmarks\n\n");
        if (figures.isEmpty()) {
            md.append(run.metadata().ranBench() ? "No latency log could be used (see above).\n\n"
                    : "This run did not run the benchmarks.\n\n");
            return;
        }
        jmhSetup().ifPresent(s -> md.append(s).append("\n\n"));
        md.append("Per benchmark, scenario, load and observer, over every fork (merged .hlog files). Intervals are "
                + Figures.level(settings.confidenceLevel()) + " distribution-free intervals; \"-\" where "
                + "there are too few values for one. reps/s is JMH's score.\n\n");
        String benchmark = null;
        MarkdownTable t = null;
        for (LatencyFigures f : figures.values()) {
            if (!f.key().benchmark().equals(benchmark)) {
                flush(t);
                benchmark = f.key().benchmark();
                md.append("### ").append(benchmark).append("\n\n");
                t = new MarkdownTable("scenario", "load", "observer", ">n", "outcomes", ">mean", ">sd", ">median",
                        ">median " + level + " CI", ">p90", ">p99", ">p99 " + level + " CI", ">p99.9", ">max", ">reps/s");
            }
            LatencySummary s = f.summary();
            String outcomes = f.outcomes().describe()
                    + (f.unexpected() > 0 ? "; " + f.unexpected() + " unexpected" : "")
                    + (f.loadDropped() > 0 ? "; load dropped " + f.loadDropped() + " messages" : "");
            t.row(f.key().scenario(), f.key().loadLabel(), f.key().observer(), Figures.count(s.count()), outcomes,
                    Figures.duration(s.mean()), Figures.duration(s.standardDeviation()), Figures.duration(s.p50()),
                    Figures.durationInterval(f.medianInterval()), Figures.duration(s.p90()), Figures.duration(s.p99()),
                    Figures.durationInterval(f.p99Interval()), Figures.duration(s.p999()), Figures.duration(s.max()),
                    Double.isNaN(f.repsPerSecond()) ? "-" : Figures.count(Math.round(f.repsPerSecond())));
        }
        flush(t);
    }

    private void flush(MarkdownTable t) {
        if (t != null) {
            md.append(t.render()).append('\n');
        }
    }

    private Optional<String> jmhSetup() {
        List<JmhResult> withSetup = run.jmh().stream().filter(r -> r.forks() >= 0).toList();
        if (withSetup.isEmpty()) {
            return Optional.empty();
        }
        JmhResult r = withSetup.get(0);
        boolean uniform = withSetup.stream().allMatch(x -> x.forks() == r.forks()
                && x.warmupIterations() == r.warmupIterations() && x.measurementIterations() == r.measurementIterations());
        return Optional.of("JMH ran " + run.jmh().size() + " benchmark and parameter combinations on JDK " + r.jdkVersion() + " (" + r.vmVersion()
                + ")" + (uniform ? ", each in " + r.forks() + " fork" + (r.forks() == 1 ? "" : "s") + " of "
                + r.warmupIterations() + " warmup and " + r.measurementIterations() + " measurement iterations of "
                + r.measurementTime() : ", with differing fork and iteration counts (see jmh-*.json)") + ".");
    }

    private void observerVerdicts() {
        List<BenchmarkKey> pairs = figures.keySet().stream().filter(k -> k.observer().equals("BLOCKING")
                && figures.containsKey(k.withObserver("NIO"))).toList();
        if (pairs.isEmpty()) {
            return;
        }
        md.append("### NIO against blocking\n\n");
        md.append("Per scenario and load: NIO's median over BLOCKING's (below 1: NIO detects sooner) and what the "
                + "data allow one to say.\n\n");
        MarkdownTable t = new MarkdownTable("benchmark", "scenario", "load", ">BLOCKING median", ">NIO median",
                ">NIO/BLOCKING (" + level + " CI)", "verdict");
        for (BenchmarkKey blocking : pairs) {
            BenchmarkKey nio = blocking.withObserver("NIO");
            String outcome = outcomeLabel(figures.get(blocking), figures.get(nio));
            String subject = blocking.scenario() + ", " + blocking.loadLabel();
            ObserverVerdict v = ObserverVerdict.of(subject, outcome, run.latency().get(blocking), run.latency().get(nio),
                    settings);
            t.row(shortBenchmark(blocking.benchmark()), blocking.scenario(), blocking.loadLabel(), medianOf(v, true),
                    medianOf(v, false), ratioOf(v), v.sentence());
            headlines.add(subject + " (" + shortBenchmark(blocking.benchmark()) + "): " + v.sentence());
        }
        md.append(t.render()).append('\n');
    }

    private static String outcomeLabel(LatencyFigures blocking, LatencyFigures nio) {
        String b = blocking.outcomes().dominant();
        String n = nio.outcomes().dominant();
        if (b.equals("-") || n.equals("-")) {
            return "the end";
        }
        return b.equals(n) ? b : "the end (BLOCKING: " + b + ", NIO: " + n + ")";
    }

    private void loadEffects() {
        List<LoadEffect> effects = new ArrayList<>();
        for (BenchmarkKey idle : figures.keySet()) {
            if (idle.loadConnections() != 0) {
                continue;
            }
            for (BenchmarkKey loaded : figures.keySet()) {
                if (loaded.loadConnections() > 0 && loaded.withLoad(0).equals(idle)) {
                    effects.add(LoadEffect.of(idle, loaded, run.latency().get(idle), run.latency().get(loaded), settings));
                }
            }
        }
        if (effects.isEmpty()) {
            return;
        }
        md.append("### Idle against loaded\n\n");
        md.append("How much background load moves each observer's detection latency: loaded median over idle median "
                + "(above 1: load slows detection), with its interval, and the same for p99 (point estimate).\n\n");
        MarkdownTable t = new MarkdownTable("benchmark", "scenario", "observer", "load", ">idle median",
                ">loaded median", ">loaded/idle median (" + level + " CI)", ">idle p99", ">loaded p99", ">loaded/idle p99",
                "verdict");
        for (LoadEffect e : effects) {
            Optional<MedianComparison> c = e.comparison();
            t.row(shortBenchmark(e.idle().benchmark()), e.idle().scenario(), e.idle().observer(), e.loaded().loadLabel(),
                    c.map(x -> Figures.duration(x.medianA())).orElse("-"),
                    c.map(x -> Figures.duration(x.medianB())).orElse("-"),
                    c.map(x -> Figures.ratioWithInterval(x.ratio(), x.ratioInterval())).orElse("-"),
                    Figures.duration(e.idleP99()), Figures.duration(e.loadedP99()), Figures.ratio(e.p99Ratio()),
                    e.sentence());
        }
        md.append(t.render()).append('\n');
    }

    private static String medianOf(ObserverVerdict v, boolean blocking) {
        return v.comparison().map(c -> Figures.duration(blocking ? c.medianA() : c.medianB())).orElse("-");
    }

    private static String ratioOf(ObserverVerdict v) {
        return v.comparison().map(c -> Figures.ratioWithInterval(c.ratio(), c.ratioInterval())).orElse("-");
    }

    static String shortBenchmark(String benchmark) {
        return benchmark.endsWith(".repetition") ? benchmark.substring(0, benchmark.length() - ".repetition".length())
                : benchmark;
    }

    // ---------------------------------------------------------------- S1

    private void cableTables() {
        md.append("## S1: the pulled cable\n\n");
        if (run.cable().isEmpty()) {
            md.append(run.metadata().cableNotRunReason().map(r -> "S1 did not run: " + r + ".")
                    .orElse(run.metadata().ranCable() ? "S1's samples are missing from this folder (see above)."
                            : "This run did not run S1 (no cable CSV)."))
                    .append("\n\n");
            return;
        }
        List<CableGroup> groups = CableGroup.of(run.cable());
        md.append("From `").append(run.cableFile()).append("`: ").append(run.cable().size())
                .append(" connections. Each row is one fault, mechanism and observer; \"rule\" is what the mechanism's "
                        + "own rule predicts after its reference instant, \"measured\" the time after that same "
                        + "instant, and measured/rule their ratio per connection (1: the rule explains the time).\n\n");
        String fault = null;
        MarkdownTable t = null;
        for (CableGroup g : groups) {
            if (!g.fault().equals(fault)) {
                flush(t);
                fault = g.fault();
                md.append("### Fault ").append(fault).append(": ").append(g.faultDescription()).append("\n\n");
                t = new MarkdownTable("mechanism", "settings", "observer", ">n", "outcomes", ">median t1-t0",
                        ">max t1-t0", "rule", ">measured median", ">measured max", ">measured/rule median",
                        ">measured/rule max", "why");
            }
            long[] since = g.sinceReferenceNanos();
            String outcomes = g.outcomes().describe()
                    + (g.reachedBound() > 0 ? "; " + g.reachedBound() + " reached the bound" : "")
                    + (g.failures() > 0 ? "; " + g.failures() + " harness failures" : "");
            t.row(g.mechanism(), g.settings(), g.observer(), String.valueOf(g.rows().size()), outcomes,
                    g.medianDetection().isPresent() ? Figures.duration(g.medianDetection().getAsLong()) : "-",
                    g.maxDetection().isPresent() ? Figures.duration(g.maxDetection().getAsLong()) : "-",
                    rule(g),
                    since.length == 0 ? "-" : Figures.duration(io.closebench.analysis.stats.EmpiricalQuantile.of(since, 0.5)),
                    since.length == 0 ? "-" : Figures.duration(java.util.Arrays.stream(since).max().getAsLong()),
                    g.medianRatio().isPresent() ? Figures.ratio(g.medianRatio().getAsDouble()) : "-",
                    g.maxRatio().isPresent() ? Figures.ratio(g.maxRatio().getAsDouble()) : "-",
                    g.theoryText());
        }
        flush(t);
    }

    private static String rule(CableGroup g) {
        return switch (g.theoryKind()) {
            case "FINITE" -> Figures.duration(g.medianTheory().orElse(-1)) + " after "
                    + CableChart.reference(g.theoryReference());
            case "NEVER" -> "never";
            case "NOT_PREDICTED" -> "- (client's kernel decides)";
            default -> "differs per connection";
        };
    }

    // ---------------------------------------------------------------- charts

    private void latencyCharts() throws IOException {
        Map<String, Map<Integer, Map<String, AbstractHistogram>>> cases = new LinkedHashMap<>();
        Map<String, BenchmarkKey> sample = new LinkedHashMap<>();
        for (BenchmarkKey k : figures.keySet()) {
            String id = k.benchmark() + "|" + k.scenario() + "|" + k.cpuBurners();
            sample.putIfAbsent(id, k);
            cases.computeIfAbsent(id, x -> new TreeMap<>()).computeIfAbsent(k.loadConnections(), x -> new TreeMap<>())
                    .put(k.observer(), run.latency().get(k));
        }
        if (cases.isEmpty()) {
            return;
        }
        md.append("## Charts\n\n### Detection latency by percentile\n\n");
        md.append("One chart per case: latency against percentile, both on log scales, one line per observer; idle on "
                + "the left, each load to its right, all sharing the latency axis. Each line ends at its largest "
                + "value. Every chart is also written as SVG next to the PNG.\n\n");
        for (Map.Entry<String, Map<Integer, Map<String, AbstractHistogram>>> c : cases.entrySet()) {
            BenchmarkKey k = sample.get(c.getKey());
            List<PercentileChart.Panel> panels = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, AbstractHistogram>> load : c.getValue().entrySet()) {
                panels.add(new PercentileChart.Panel(k.withLoad(load.getKey()).loadLabel(), load.getValue()));
            }
            String title = k.scenario() + ": detection latency by percentile";
            String subtitle = shortBenchmark(k.benchmark()) + (k.cpuBurners() > 0 ? ", " + k.cpuBurners()
                    + " CPU burners" : "") + "; run " + run.name();
            String file = "latency-" + safe(shortBenchmark(k.benchmark())) + "-" + safe(k.scenario()) + "-cpu"
                    + k.cpuBurners() + ".png";
            int width = Math.max(LATENCY_CHART_WIDTH, 560 * panels.size());
            charts.addAll(ChartFiles.write(PercentileChart.of(title, subtitle, panels), out.resolve(CHARTS).resolve(file),
                    width, LATENCY_CHART_HEIGHT));
            md.append("![").append(k.scenario()).append(", ").append(shortBenchmark(k.benchmark()))
                    .append(": detection latency by percentile](").append(CHARTS).append('/').append(file).append(")\n\n");
        }
    }

    private void cableCharts() throws IOException {
        if (run.cable().isEmpty()) {
            return;
        }
        Map<String, List<CableGroup>> byFault = new LinkedHashMap<>();
        CableGroup.of(run.cable()).forEach(g -> byFault.computeIfAbsent(g.fault(), f -> new ArrayList<>()).add(g));
        if (figures.isEmpty()) {
            md.append("## Charts\n\n");
        }
        md.append("### S1: detection time against the rule\n\n");
        md.append("One chart per fault, one row per mechanism and observer: every connection's time after the rule's "
                + "reference instant (blue dots: it detected something; grey squares: nothing by the trial's bound, where it stopped waiting), and the "
                + "rule's prediction as a red bar. Rows without a bar have no finite prediction.\n\n");
        for (Map.Entry<String, List<CableGroup>> f : byFault.entrySet()) {
            String file = "cable-" + safe(f.getKey()) + ".png";
            charts.addAll(ChartFiles.write(CableChart.of(f.getKey(), f.getValue().get(0).faultDescription(), f.getValue()),
                    out.resolve(CHARTS).resolve(file), CABLE_CHART_WIDTH, CableChart.height(f.getValue().size())));
            md.append("![S1 fault ").append(f.getKey()).append(": detection time against the rule](").append(CHARTS)
                    .append('/').append(file).append(")\n\n");
        }
    }

    /** File-name safe: "c'" becomes "c-prime", anything else not [A-Za-z0-9.-] becomes "_". */
    static String safe(String s) {
        return s.replace("'", "-prime").replaceAll("[^A-Za-z0-9.-]", "_");
    }

    private void filesRead() {
        md.append("## Files read\n\n");
        md.append(FilesRead.describe(run.filesRead()));
    }
}
