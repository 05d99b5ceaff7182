package io.closebench.analysis.results;

import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.MetadataColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.csv.CsvFile;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.CableRecord;
import io.closebench.schema.row.S1TimelineRecord;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.NativeFloorRecord;
import io.closebench.schema.row.ObservationRecord;
import io.closebench.schema.row.PercentileRecord;
import io.closebench.schema.row.SoakRecord;
import io.closebench.schema.row.SummaryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one results folder of {@linkplain io.closebench.schema.SchemaVersion#CURRENT this schema
 * version}, every file name, column and word as the schema module defines them, and decides what is
 * wrong with it, in two kinds:
 * <ul>
 *   <li><b>Unusable</b>, a {@link ResultsFileException} naming the file: the path is not a folder, it
 *       has no {@code metadata.csv} (not a results folder), its schema version is not this
 *       closebench's (newer or older, both named), or a file is corrupt: a CSV without a column of
 *       its kind, or with a ragged row that is not its last, an .hlog HdrHistogram cannot decode or
 *       that holds other than its fork's percentile CSV counted, JMH's JSON that does not parse.
 *       Figures from such a file would be wrong without saying so.</li>
 *   <li><b>Partial</b>, a {@link FolderGap}: {@code status.txt} is not "complete" (a stale "running"
 *       whose process is gone included), a streamed file ends in a half-written line (the run was
 *       stopped mid-write: every complete row is read), a file the run's job writes (per
 *       {@link FolderMetadata}) is absent, or a fork's .hlog lacks its percentile CSV or the other
 *       way round. Everything present is still used; the gaps say what is not.</li>
 * </ul>
 * The mass-death files are checked against each other by {@link MassDeathReader}; a soak's matrix
 * ({@code matrix-soak-*.csv}) is kept apart from the conformance matrix, in {@link SoakRun}.
 * Latency logs keep their structure: per combination, one fork per {@code .hlog} (in the order the
 * forks ran), one iteration per interval, as a {@link ForkedLatency}. Files the report itself
 * writes ({@code report.md}, {@code charts/}) and JMH's console log are not read.
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
        Path metadataFile = folder.resolve(ResultFile.METADATA.fixedName());
        if (!Files.isRegularFile(metadataFile)) {
            throw new ResultsFileException(metadataFile, "missing: " + folder
                    + " is not a closebench results folder (every run writes metadata.csv first)");
        }
        FolderReading reading = new FolderReading();
        CsvTable metadataTable = CsvFile.read(metadataFile, MetadataColumn.class);
        FolderMetadata metadata = FolderMetadata.of(metadataTable);
        reading.note(metadataTable);

        String statusName = ResultFile.STATUS.fixedName();
        FolderStatus status = FolderStatus.read(folder.resolve(statusName));
        if (status.status().isPresent()) {
            reading.read.add(statusName);
        }
        status.gap().ifPresent(g -> reading.gaps.add(new FolderGap(statusName, g)));

        Map<ResultFile, List<Path>> files = list(folder);
        List<Path> soakMatrixFiles = files.get(ResultFile.MATRIX).stream()
                .filter(f -> name(f).startsWith(SoakRun.MATRIX_PREFIX)).toList();
        files.get(ResultFile.MATRIX).removeAll(soakMatrixFiles);
        List<MatrixRecord> matrix = reading.rows(files.get(ResultFile.MATRIX), MatrixRecord.FORMAT);
        List<ObservationRecord> observations = reading.rows(files.get(ResultFile.OBSERVATIONS),
                ObservationRecord.FORMAT);
        if (metadata.ranMatrix()) {
            reading.expect(files, ResultFile.MATRIX, "the conformance matrix is missing");
            reading.expect(files, ResultFile.OBSERVATIONS, "the matrix's single observations are missing");
            checkObservationsAgainstMatrix(matrix, observations, files.get(ResultFile.OBSERVATIONS), reading.gaps);
        }

        List<JmhResult> jmh = new ArrayList<>();
        if (!files.get(ResultFile.JMH_JSON).isEmpty()) {
            for (Path f : files.get(ResultFile.JMH_JSON)) {
                jmh.addAll(JmhResults.readJson(f));
                reading.read.add(name(f));
            }
        } else {
            for (Path f : files.get(ResultFile.JMH_CSV)) {
                jmh.addAll(JmhResults.readCsv(f));
                reading.read.add(name(f));
            }
        }
        SortedMap<BenchmarkKey, List<PercentileRecord>> percentiles = new TreeMap<>();
        Map<String, PercentileRecord> percentileByName = new LinkedHashMap<>();
        for (Path f : files.get(ResultFile.PERCENTILES)) {
            BenchmarkKey.InFile named = BenchmarkKey.fromFileName(name(f)).orElseThrow(() -> new ResultsFileException(f,
                    "not named as a fork's percentile CSV is: percentiles-<benchmark>-<scenario>-<OBSERVER>-"
                            + "<PLACEMENT>-idle<us>us-load<n>-cpu<n>-fork<pid>.csv"));
            for (PercentileRecord p : reading.rows(List.of(f), PercentileRecord.FORMAT)) {
                if (!p.key().equals(named.key()) || p.forkPid() != named.forkPid()) {
                    throw new ResultsFileException(f, "its row is of " + p.key() + " fork " + p.forkPid()
                            + ", its name of " + named.key() + " fork " + named.forkPid());
                }
                percentiles.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
                percentileByName.put(name(f), p);
            }
        }
        SortedMap<BenchmarkKey, List<LatencyLogFile>> logs = new TreeMap<>();
        for (Path f : files.get(ResultFile.LATENCY)) {
            LatencyLogFile log = LatencyLogFile.read(f);
            checkLogAgainstItsFork(log, percentileByName.get(log.percentilesName()), reading.gaps);
            logs.computeIfAbsent(log.key(), k -> new ArrayList<>()).add(log);
            reading.read.add(log.name());
        }
        for (Map.Entry<String, PercentileRecord> p : percentileByName.entrySet()) {
            String log = p.getValue().key().fileName(ResultFile.LATENCY, p.getValue().forkPid());
            if (!Files.exists(folder.resolve(log))) {
                reading.gaps.add(new FolderGap(log, "missing, though " + p.getKey()
                        + " exists: that fork's latencies are not in the figures"));
            }
        }
        SortedMap<BenchmarkKey, ForkedLatency> latency = new TreeMap<>();
        for (Map.Entry<BenchmarkKey, List<LatencyLogFile>> e : logs.entrySet()) {
            forked(e.getValue()).ifPresent(l -> latency.put(e.getKey(), l));
        }
        List<SummaryRecord> summary = reading.rows(files.get(ResultFile.SUMMARY), SummaryRecord.FORMAT);
        if (metadata.ranBench()) {
            reading.expect(files, ResultFile.JMH_JSON, files.get(ResultFile.JMH_CSV).isEmpty()
                    ? "JMH's results are missing (nor is there jmh-*.csv): JMH's run settings are unknown"
                    : "missing; JMH's run settings are read from jmh-*.csv instead, which lacks forks and iterations");
            reading.expect(files, ResultFile.LATENCY, "no HdrHistogram log: no detection latency figures");
            reading.expect(files, ResultFile.SUMMARY, "the bench job's summary is missing: scores and skipped "
                    + "combinations are unknown");
            if (!files.get(ResultFile.SUMMARY).isEmpty()) {
                checkSummaryAgainstLogs(summary, logs, name(files.get(ResultFile.SUMMARY).get(0)), reading.gaps);
            }
        }

        List<CableRecord> cable = reading.rows(files.get(ResultFile.CABLE), CableRecord.FORMAT);
        if (metadata.ranCable()) {
            reading.expect(files, ResultFile.CABLE, "S1 (the pulled cable) ran but its samples are missing");
        }
        String cableFile = files.get(ResultFile.CABLE).isEmpty() ? "" : name(files.get(ResultFile.CABLE).get(0));
        List<NativeFloorRecord> floor = reading.rows(files.get(ResultFile.NATIVE_FLOOR), NativeFloorRecord.FORMAT);
        MassDeathRun massDeath = MassDeathReader.read(folder, files, metadata, reading);
        SoakRun soak = soak(files.get(ResultFile.SOAK), soakMatrixFiles, metadata, reading);
        reading.read.sort(null);
        List<S1TimelineRecord> s1Timeline = reading.rows(files.get(ResultFile.S1_TIMELINE), S1TimelineRecord.FORMAT);
        return new RunFolder(folder, metadata, status, reading.read, matrix, observations, jmh, latency, percentiles,
                summary, cable, cableFile, floor, massDeath, soak, reading.gaps, s1Timeline);
    }

    /** The soak's samples and, written when it ended, its matrix. */
    private static SoakRun soak(List<Path> sampleFiles, List<Path> matrixFiles, FolderMetadata metadata,
            FolderReading reading) throws ResultsFileException {
        List<SoakRecord> samples = reading.rows(sampleFiles, SoakRecord.FORMAT);
        List<MatrixRecord> matrix = reading.rows(matrixFiles, MatrixRecord.FORMAT);
        if (metadata.ranSoak()) {
            reading.expect(sampleFiles, ResultFile.SOAK.pattern(), "the soak ran but its resource samples are missing");
            reading.expect(matrixFiles, SoakRun.MATRIX_PREFIX + "*.csv", "the soak's outcomes by case and model are "
                    + "missing: it writes them when it ends, so it was stopped before");
        }
        return new SoakRun(sampleFiles.isEmpty() ? "" : name(sampleFiles.get(0)), samples,
                matrixFiles.isEmpty() ? "" : name(matrixFiles.get(0)), matrix);
    }

    private static Map<ResultFile, List<Path>> list(Path folder) throws ResultsFileException {
        Map<ResultFile, List<Path>> byKind = new EnumMap<>(ResultFile.class);
        for (ResultFile kind : ResultFile.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.filter(Files::isRegularFile).sorted().toList()) {
                ResultFile.of(name(p)).ifPresent(kind -> byKind.get(kind).add(p));
            }
        } catch (IOException e) {
            throw new ResultsFileException(folder, "cannot be listed: " + e.getMessage(), e);
        }
        return byKind;
    }

    /**
     * A fork that finished wrote its percentile CSV after its last interval, so its log must hold
     * exactly the iterations and values that row counted; a fork that did not finish is a gap.
     */
    private static void checkLogAgainstItsFork(LatencyLogFile log, PercentileRecord counted, List<FolderGap> gaps)
            throws ResultsFileException {
        if (counted == null) {
            gaps.add(new FolderGap(log.percentilesName(), "missing, though " + log.name() + " exists: the fork did not "
                    + "finish, its outcome counts are unknown"));
            if (log.lastLineCut()) {
                gaps.add(new FolderGap(log.name(), CsvFile.CUT + "; " + (log.iterations().isEmpty()
                        ? "no complete iteration before it" : "read up to the last complete iteration, iteration "
                        + log.iterations().size())));
            } else if (log.iterations().isEmpty()) {
                gaps.add(new FolderGap(log.name(), "holds no measurement iteration: the fork was stopped before its "
                        + "first one ended"));
            }
            return;
        }
        if (log.iterations().size() != counted.iterations()) {
            throw new ResultsFileException(log.file(), "holds " + plural(log.iterations().size(), "interval") + ", but "
                    + log.percentilesName() + " counted " + counted.iterations() + " measurement iterations: the log is "
                    + "truncated or corrupt");
        }
        if (log.totalCount() != counted.count()) {
            throw new ResultsFileException(log.file(), "holds " + log.totalCount() + " recorded values, but "
                    + log.percentilesName() + " counted " + counted.count() + ": the log is truncated or corrupt");
        }
    }

    /** The forks of one combination in the order they ran; empty when not one value was recorded. */
    private static Optional<ForkedLatency> forked(List<LatencyLogFile> logs) throws ResultsFileException {
        List<LatencyLogFile> ordered = logs.stream().filter(l -> !l.iterations().isEmpty())
                .sorted(Comparator.comparingDouble(LatencyLogFile::startTimeSeconds).thenComparingLong(LatencyLogFile::forkPid))
                .toList();
        if (ordered.stream().mapToLong(LatencyLogFile::totalCount).sum() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ForkedLatency.of(ordered.stream()
                    .map(l -> new ForkedLatency.Fork(l.forkPid(), l.iterations())).toList()));
        } catch (IllegalArgumentException e) {
            throw new ResultsFileException(ordered.get(0).file(), "its forks cannot form one figure: " + e.getMessage(), e);
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
            counted.merge(o.scenarioId() + "/" + o.observer() + "/" + o.placement(), 1L, Long::sum);
        }
        for (MatrixRecord row : matrix) {
            if (!row.ran()) {
                continue;
            }
            long have = counted.getOrDefault(row.scenarioId() + "/" + row.observerName() + "/"
                    + row.placement().map(Enum::name).orElse(""), 0L);
            if (have != row.repetitions()) {
                gaps.add(new FolderGap(name(observationFiles.get(0)), row.scenarioId() + " " + row.observerName() + ": "
                        + have + " observations, the matrix aggregates " + row.repetitions()));
            }
        }
    }

    /** The summary was computed from the same logs; a count that differs means a log is missing. */
    private static void checkSummaryAgainstLogs(List<SummaryRecord> summary, Map<BenchmarkKey, List<LatencyLogFile>> logs,
            String summaryFile, List<FolderGap> gaps) {
        for (SummaryRecord row : summary) {
            if (row.isSkipped()) {
                continue;
            }
            long have = logs.getOrDefault(row.key(), List.of()).stream().mapToLong(LatencyLogFile::totalCount).sum();
            if (row.count() != have) {
                gaps.add(new FolderGap(summaryFile, row.key() + ": the summary counted " + row.count()
                        + " values, the .hlog files present hold " + have));
            }
        }
        for (BenchmarkKey key : logs.keySet()) {
            if (summary.stream().noneMatch(r -> r.key().equals(key))) {
                gaps.add(new FolderGap(summaryFile, key + ": no row, though its latency logs exist: the run stopped "
                        + "before this benchmark ended"));
            }
        }
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
