package io.closebench.analysis.report;

import io.closebench.analysis.results.FolderGap;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.schema.MetadataKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes {@code report.md} and its charts for one results folder: the run and its set-up (every
 * JDK, the placements, the CPU list), what is missing when it was cut short, the conformance matrix,
 * every benchmark figure with the placement, idle time and JDK it was measured under and intervals
 * that resample forks and iterations, the models side by side as fork-aware verdicts, what decides
 * the figure (placement and idle time against the API), the harness's own share, the native floor,
 * iteration-to-iteration splits, S1 against each mechanism's rule, the charts, and how every figure
 * was computed. A partial folder gives a report that opens by saying what is missing.
 *
 * <p>The report holds no clock time and every bootstrap is seeded, so the same folder and settings
 * give the same file byte for byte.
 */
public final class RunReport {

    /** The report's file name, written into the results folder. */
    public static final String FILE = "report.md";

    /** The charts' folder, next to the report. */
    public static final String CHARTS = "charts";

    private RunReport() {
    }

    /**
     * Writes {@value #FILE} and {@value #CHARTS}/ into the run's own folder.
     *
     * @param run a folder read by {@link RunFolder#read(Path)}
     * @param settings bootstrap resamples, level and seed
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
     * @param settings bootstrap resamples, level and seed
     * @param out the folder to write into, created if needed
     * @return what was written
     * @throws IOException if a file cannot be written
     */
    public static WrittenReport write(RunFolder run, BootstrapSettings settings, Path out) throws IOException {
        ChartFiles.headless();
        Files.createDirectories(out);
        ReportContext c = new ReportContext(run, settings, out);
        header(c);
        AnswerSection.append(c);
        c.detail("matrix", "The conformance matrix", () -> MatrixSection.append(c));
        c.detail("benchmarks", "Detection latency in the benchmarks", () -> {
            LatencySection.append(c);
            ModelVerdicts.append(c);
            DecidingFactors.append(c);
            HarnessOverhead.append(c);
            NativeFloorSection.append(c);
            IterationSection.append(c);
            if (!c.figures.isEmpty()) {
                c.md.append("## Charts\n\n");
            }
            PercentileCharts.append(c);
        });
        c.detail("s1", "S1: the pulled cable", () -> {
            CableSection.tables(c);
            S1WireSection.append(c);
            CableSection.charts(c);
        });
        c.detail("mass-death", "Mass death: N peers at once", () -> {
            MassDeathSection.append(c);
            MassDeathSection.charts(c);
        });
        c.detail("soak", "The soak", () -> {
            SoakSection.append(c);
            SoakSection.charts(c);
        });
        if (!c.details.isEmpty()) {
            c.md.append("## In detail\n\n");
            for (ReportContext.Detail d : c.details) {
                c.md.append("- [").append(d.title()).append("](").append(d.file().getFileName()).append(")\n");
            }
            c.md.append('\n');
        }
        c.md.append("The same answer for a machine: [").append(SummaryJson.FILE).append("](").append(SummaryJson.FILE)
                .append(").\n\n");
        c.md.append(MethodNotes.report(settings));
        c.md.append("## Files read\n\n").append(FilesRead.describe(run.filesRead()));
        SummaryJson.write(c);
        Path file = out.resolve(FILE);
        Files.writeString(file, c.md.toString(), StandardCharsets.UTF_8);
        return new WrittenReport(file, c.charts, run.gaps(), c.headlines, List.of(),
                c.details.stream().map(ReportContext.Detail::file).toList());
    }

    private static void header(ReportContext c) {
        RunFolder run = c.run;
        var m = run.metadata();
        StringBuilder md = c.md;
        md.append("# closebench report: ").append(run.name()).append("\n\n");
        md.append("Run of ").append(m.getOrUnknown(MetadataKey.DATE)).append(" on `").append(m.getOrUnknown(MetadataKey.HOST))
                .append("`: ").append(m.getOrUnknown(MetadataKey.OS)).append(", kernel ").append(m.getOrUnknown(MetadataKey.KERNEL))
                .append(", ").append(m.getOrUnknown(MetadataKey.CPU_MODEL)).append(" (").append(m.getOrUnknown(MetadataKey.CPU_CORES))
                .append(" cores, CPUs ").append(m.getOrUnknown(MetadataKey.CPU_LIST)).append(", cpuidle governor ")
                .append(m.getOrUnknown(MetadataKey.CPUIDLE_GOVERNOR)).append("), commit `")
                .append(m.getOrUnknown(MetadataKey.GIT_COMMIT)).append("`.");
        m.get(MetadataKey.JOB).ifPresent(job -> md.append(" Job: ").append(job).append('.'));
        md.append(" Status: ").append(run.status().describe()).append(".\n\n");
        md.append("- In this folder: ").append(contents(run)).append('\n');
        md.append("- Harness JDK (matrix, S1, mass death, soak): ").append(m.getOrUnknown(MetadataKey.JDK)).append('\n');
        m.get("peer.home").ifPresent(home -> {
            md.append("- Peer: ").append(home);
            if (m.get("peer.rtt_us").isPresent()) {
                md.append(". Its faults' t0 was read on its host's clock and converted to this one's with an offset "
                        + "estimated over the control connection; every figure counted from it is within its t0's bound "
                        + "(`t0_bound_ns`; a matrix median is shown as \"median +- bound\")");
            }
            md.append('\n');
        });
        TreeSet<String> forkJdks = forkJdks(run);
        if (!forkJdks.isEmpty()) {
            md.append("- Benchmark forks' JDK").append(forkJdks.size() == 1 ? ": " : "s: ")
                    .append(String.join("; ", forkJdks)).append('\n');
        }
        TreeSet<String> placements = new TreeSet<>();
        c.figures.keySet().forEach(k -> placements.add(k.placement().name()));
        run.matrix().forEach(r -> r.placement().ifPresent(p -> placements.add(p.name())));
        run.cable().forEach(r -> r.placement().ifPresent(p -> placements.add(p.name())));
        run.massDeath().trials().forEach(t -> placements.add(t.placement().name()));
        run.soak().matrix().forEach(r -> r.placement().ifPresent(p -> placements.add(p.name())));
        if (!placements.isEmpty()) {
            md.append("- Placements measured: ").append(String.join(", ", placements)).append("; thread affinity: ")
                    .append(m.getOrUnknown(MetadataKey.AFFINITY)).append('\n');
        }
        md.append('\n');
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

    /** "the conformance matrix (120 rows), S1 (2920 connections), ...": what the sections below cover. */
    private static String contents(RunFolder run) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!run.matrix().isEmpty() || !run.observations().isEmpty()) {
            parts.add("the conformance matrix (" + run.matrix().size() + " rows, " + Figures.count(run.observations().size())
                    + " repetitions)");
        }
        if (!run.cable().isEmpty()) {
            parts.add("S1, the pulled cable (" + Figures.count(run.cable().size()) + " connections)");
        }
        if (!run.latency().isEmpty() || !run.summary().isEmpty()) {
            parts.add("the benchmarks (" + run.latency().size() + " combinations with a latency"
                    + (run.skipped().isEmpty() ? "" : ", " + run.skipped().size() + " skipped") + ")");
        }
        if (!run.nativeFloor().isEmpty()) {
            parts.add("the native floor (" + run.nativeFloor().size() + " cases)");
        }
        if (!run.massDeath().isEmpty()) {
            parts.add("mass death (" + run.massDeath().trials().size() + " trial rows of "
                    + run.massDeath().byCombination().size() + " combinations)");
        }
        if (!run.soak().isEmpty()) {
            parts.add("a soak (" + run.soak().samples().size() + " samples)");
        }
        return parts.isEmpty() ? "no results besides the metadata" : String.join(", ", parts);
    }

    /**
     * @param run a folder
     * @return the JDKs its benchmark figures were measured on, as their forks recorded them; where
     *     no figure has a latency, those of the summary's rows
     */
    static TreeSet<String> forkJdks(RunFolder run) {
        TreeSet<String> jdks = new TreeSet<>();
        run.latency().keySet().forEach(k -> jdks.add(run.jdk(k)));
        if (jdks.isEmpty()) {
            run.summary().forEach(r -> jdks.add(run.jdk(r.key())));
        }
        return jdks;
    }

    static String shortBenchmark(String benchmark) {
        return benchmark.endsWith(".repetition") ? benchmark.substring(0, benchmark.length() - ".repetition".length())
                : benchmark;
    }

    /** File-name safe: "c'" becomes "c-prime", anything else not [A-Za-z0-9.-] becomes "_". */
    static String safe(String s) {
        return s.replace("'", "-prime").replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
