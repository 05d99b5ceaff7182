package io.closebench.analysis.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Reads one results folder as {@code results/README.md} documents it, and decides what is wrong with
 * it, in two kinds:
 * <ul>
 *   <li><b>Unusable</b>, a {@link ResultsFileException} naming the file: the path is not a folder, it
 *       has no {@code metadata.csv} (not a results folder), or a file is corrupt: a CSV without a
 *       column the report needs or with a row cut short, an .hlog HdrHistogram cannot decode or that
 *       holds fewer values than its fork's percentile CSV counted, JMH's JSON that does not parse.
 *       Figures from such a file would be wrong without saying so.</li>
 *   <li><b>Partial</b>, a {@link FolderGap}: {@code status.txt} is not "complete", or a file the
 *       run's job writes (per {@link FolderMetadata}) is absent, or a fork's .hlog lacks its percentile
 *       CSV or the other way round. Everything present is still used; the gaps say what is not.</li>
 * </ul>
 * Files the report itself writes ({@code report.md}, {@code charts/}) and JMH's console log are not
 * read.
 */
public final class RunFolderReader {

    private RunFolderReader() {
    }

    /**
     * @param folder a folder written by closebench
     * @return its contents and gaps
     * @throws ResultsFileException naming the file when the folder cannot be reported on as it is
     */
    public static RunFolder read(Path folder) throws ResultsFileException {
        if (!Files.exists(folder)) {
            throw new ResultsFileException(folder, "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new ResultsFileException(folder, "not a folder: give the results folder of one run");
        }
        Path metadataFile = folder.resolve(FolderMetadata.FILE);
        if (!Files.isRegularFile(metadataFile)) {
            throw new ResultsFileException(metadataFile, "missing: " + folder
                    + " is not a closebench results folder (every run writes metadata.csv first)");
        }
        FolderMetadata metadata = FolderMetadata.read(metadataFile);
        FolderStatus status = FolderStatus.read(folder.resolve(FolderStatus.FILE));
        Map<String, List<Path>> files = list(folder);
        List<FolderGap> gaps = new ArrayList<>();
        List<String> read = new ArrayList<>();
        read.add(FolderMetadata.FILE);

        if (status.text().isEmpty()) {
            gaps.add(new FolderGap(FolderStatus.FILE, "missing: whether the run finished is unknown"));
        } else {
            read.add(FolderStatus.FILE);
            if (!status.isComplete()) {
                gaps.add(new FolderGap(FolderStatus.FILE, "says \"" + status.text().get()
                        + "\", not \"complete\": the run was cut short and its files may be partial"));
            }
        }

        List<MatrixRecord> matrix = new ArrayList<>();
        for (Path f : files.get("matrix")) {
            matrix.addAll(MatrixRecord.read(f));
            read.add(name(f));
        }
        List<ObservationRecord> observations = new ArrayList<>();
        for (Path f : files.get("observations")) {
            observations.addAll(ObservationRecord.read(f));
            read.add(name(f));
        }
        if (metadata.ranMatrix()) {
            expect(files, "matrix", "matrix-*.csv", "the conformance matrix is missing", gaps);
            expect(files, "observations", "observations-*.csv", "the matrix's single observations are missing", gaps);
            checkObservationsAgainstMatrix(matrix, observations, files.get("observations"), gaps);
        }

        List<JmhResult> jmh = new ArrayList<>();
        if (!files.get("jmh-json").isEmpty()) {
            for (Path f : files.get("jmh-json")) {
                jmh.addAll(JmhResults.readJson(f));
                read.add(name(f));
            }
        } else {
            for (Path f : files.get("jmh-csv")) {
                jmh.addAll(JmhResults.readCsv(f));
                read.add(name(f));
            }
        }
        SortedMap<BenchmarkKey, List<PercentileRecord>> percentiles = new TreeMap<>();
        Map<String, PercentileRecord> percentileByFork = new LinkedHashMap<>();
        for (Path f : files.get("percentiles")) {
            for (PercentileRecord p : PercentileRecord.read(f)) {
                percentiles.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
                percentileByFork.put(forkName(name(f), "percentiles-", ".csv"), p);
            }
            read.add(name(f));
        }
        SortedMap<BenchmarkKey, Histogram> latency = new TreeMap<>();
        Map<String, Path> logByFork = new LinkedHashMap<>();
        for (Path f : files.get("latency")) {
            LatencyLogFile log = LatencyLogFile.read(f);
            String fork = forkName(name(f), "latency-", ".hlog");
            logByFork.put(fork, f);
            PercentileRecord counted = percentileByFork.get(fork);
            if (counted != null && counted.count() != log.histogram().getTotalCount()) {
                throw new ResultsFileException(f, "holds " + log.histogram().getTotalCount()
                        + " recorded values, but percentiles-" + fork + ".csv counted " + counted.count()
                        + ": the log is truncated or corrupt");
            }
            latency.computeIfAbsent(log.key(), k -> new Histogram(log.histogram().getNumberOfSignificantValueDigits()))
                    .add(log.histogram());
            read.add(name(f));
        }
        for (String fork : percentileByFork.keySet()) {
            if (!logByFork.containsKey(fork)) {
                gaps.add(new FolderGap("latency-" + fork + ".hlog", "missing, though percentiles-" + fork
                        + ".csv exists: that fork's latencies are not in the figures"));
            }
        }
        for (String fork : logByFork.keySet()) {
            if (!percentileByFork.containsKey(fork)) {
                gaps.add(new FolderGap("percentiles-" + fork + ".csv", "missing, though latency-" + fork
                        + ".hlog exists: the fork did not finish, its outcome counts are unknown"));
            }
        }
        List<SummaryRecord> summary = new ArrayList<>();
        for (Path f : files.get("summary")) {
            summary.addAll(SummaryRecord.read(f));
            read.add(name(f));
        }
        if (metadata.ranBench()) {
            expect(files, "jmh-json", "jmh-*.json", files.get("jmh-csv").isEmpty()
                    ? "JMH's results are missing (nor is there jmh-*.csv): no throughput figures"
                    : "missing; JMH's scores are read from jmh-*.csv instead, without JMH's run settings", gaps);
            expect(files, "latency", "latency-*.hlog", "no HdrHistogram log: no detection latency figures", gaps);
            expect(files, "summary", "summary-*.csv", "the bench job's summary is missing: it did not reach its end", gaps);
            checkSummaryAgainstLogs(summary, latency, files.get("summary"), gaps);
        }

        List<CableRecord> cable = new ArrayList<>();
        for (Path f : files.get("cable")) {
            cable.addAll(CableRecord.read(f));
            read.add(name(f));
        }
        if (metadata.ranCable()) {
            expect(files, "cable", "cable-*.csv", "S1 (the pulled cable) ran but its samples are missing", gaps);
        }
        String cableFile = files.get("cable").isEmpty() ? "" : name(files.get("cable").get(0));
        read.sort(null);
        return new RunFolder(folder, metadata, status, read, matrix, observations, jmh, latency, percentiles, summary,
                cable, cableFile, gaps);
    }

    private static Map<String, List<Path>> list(Path folder) throws ResultsFileException {
        Map<String, List<Path>> byKind = new LinkedHashMap<>();
        for (String kind : List.of("matrix", "observations", "jmh-json", "jmh-csv", "latency", "percentiles", "summary",
                "cable")) {
            byKind.put(kind, new ArrayList<>());
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.filter(Files::isRegularFile).sorted().toList()) {
                String n = name(p);
                String kind = n.startsWith("matrix-") && n.endsWith(".csv") ? "matrix"
                        : n.startsWith("observations-") && n.endsWith(".csv") ? "observations"
                        : n.startsWith("jmh-") && n.endsWith(".json") ? "jmh-json"
                        : n.startsWith("jmh-") && n.endsWith(".csv") ? "jmh-csv"
                        : n.startsWith("latency-") && n.endsWith(".hlog") ? "latency"
                        : n.startsWith("percentiles-") && n.endsWith(".csv") ? "percentiles"
                        : n.startsWith("summary-") && n.endsWith(".csv") ? "summary"
                        : n.startsWith("cable-") && n.endsWith(".csv") ? "cable"
                        : null;
                if (kind != null) {
                    byKind.get(kind).add(p);
                }
            }
        } catch (IOException e) {
            throw new ResultsFileException(folder, "cannot be listed: " + e.getMessage(), e);
        }
        return byKind;
    }

    private static void expect(Map<String, List<Path>> files, String kind, String pattern, String consequence,
            List<FolderGap> gaps) {
        if (files.get(kind).isEmpty()) {
            gaps.add(new FolderGap(pattern, consequence));
        }
    }

    /** Every matrix row aggregates its repetitions; the observations file holds each of them. */
    private static void checkObservationsAgainstMatrix(List<MatrixRecord> matrix, List<ObservationRecord> observations,
            List<Path> observationFiles, List<FolderGap> gaps) {
        if (matrix.isEmpty() || observationFiles.isEmpty()) {
            return;
        }
        Map<String, Long> counted = new LinkedHashMap<>();
        for (ObservationRecord o : observations) {
            counted.merge(o.scenarioId() + "/" + o.observer(), 1L, Long::sum);
        }
        for (MatrixRecord row : matrix) {
            if (row.verdict().equals("PENDING")) {
                continue;
            }
            long have = counted.getOrDefault(row.scenarioId() + "/" + row.observer(), 0L);
            if (have != row.repetitions()) {
                gaps.add(new FolderGap(name(observationFiles.get(0)), row.scenarioId() + " " + row.observer() + ": "
                        + have + " observations, the matrix aggregates " + row.repetitions()));
            }
        }
    }

    /** The summary was computed from the same logs; a count that differs means a log is missing. */
    private static void checkSummaryAgainstLogs(List<SummaryRecord> summary, Map<BenchmarkKey, Histogram> latency,
            List<Path> summaryFiles, List<FolderGap> gaps) {
        for (SummaryRecord row : summary) {
            for (String observer : List.of("BLOCKING", "NIO")) {
                long expected = row.count(observer);
                Histogram h = latency.get(row.key(observer));
                long have = h == null ? 0 : h.getTotalCount();
                if (expected != have) {
                    gaps.add(new FolderGap(name(summaryFiles.get(0)), row.key(observer) + ": the summary counted "
                            + expected + " values, the .hlog files present hold " + have));
                }
            }
        }
    }

    /** "latency-X-fork12.hlog" and "percentiles-X-fork12.csv" both give "X-fork12". */
    private static String forkName(String fileName, String prefix, String suffix) {
        return fileName.substring(prefix.length(), fileName.length() - suffix.length());
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
