package io.closebench.analysis.results;

import io.closebench.schema.MetadataKey;
import io.closebench.schema.ResultFile;
import io.closebench.schema.csv.CsvFile;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathConnectionRecord;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Reads a folder's mass-death files and checks them against each other. The writer appends, as each
 * trial ends, its row to {@code massdeath-trials-<P>.csv}, then its N connections to
 * {@code massdeath-connections-<P>.csv}, then one interval to the combination's {@code .hlog}; a run
 * stopped between two of these leaves the later ones short, which is a {@link FolderGap}: so is a
 * trial whose connections are not all in the file, a log with fewer intervals than its trials, a
 * combination with fewer trials than planned, and fewer combinations than the run planned. A log
 * interval whose count differs from its trial's detected connections, or a trial whose connections
 * in the file say otherwise than its row, can come from no cut: the file is refused by name.
 */
final class MassDeathReader {

    private MassDeathReader() {
    }

    static MassDeathRun read(Path folder, Map<ResultFile, List<Path>> files, FolderMetadata metadata,
            FolderReading reading) throws ResultsFileException {
        List<Path> trialFiles = files.get(ResultFile.MASS_DEATH_TRIALS);
        if (metadata.ranMassDeath()) {
            reading.expect(files, ResultFile.MASS_DEATH_TRIALS, "the mass death ran but its trials are missing: no "
                    + "mass-death figures");
        }
        List<MassDeathTrialRecord> trials = new ArrayList<>();
        List<MassDeathRun.Undetected> undetected = new ArrayList<>();
        for (Path trialFile : trialFiles) {
            List<MassDeathTrialRecord> rows = reading.rows(List.of(trialFile), MassDeathTrialRecord.FORMAT);
            trials.addAll(rows);
            String parameters = ResultFile.MASS_DEATH_TRIALS.parametersOf(FolderReading.name(trialFile));
            Path connectionFile = folder.resolve(ResultFile.MASS_DEATH_CONNECTIONS.name(parameters));
            if (!Files.isRegularFile(connectionFile)) {
                reading.gap(FolderReading.name(connectionFile), "missing, though " + FolderReading.name(trialFile)
                        + " exists: which connections went undetected, and how, is unknown");
                continue;
            }
            List<MassDeathConnectionRecord> connections = reading.rows(List.of(connectionFile),
                    MassDeathConnectionRecord.FORMAT);
            attach(rows, connections, connectionFile, reading, undetected);
        }
        checkLogs(folder, trials, reading);
        checkPlan(trials, metadata, reading);
        files.get(ResultFile.MASS_DEATH_LATENCY).stream().map(FolderReading::name)
                .filter(n -> trials.stream().noneMatch(t -> t.combination().latencyFileName().equals(n)))
                .forEach(n -> reading.gap(n, "no trial row of its combination: the trial CSV's last line was cut, or "
                        + "the log is not of this run"));
        return new MassDeathRun(trials, undetected);
    }

    /**
     * Each trial's connections are the block of consecutive rows of its fault, observer, placement, N
     * and trial that follows its turn; blocks of one such key are taken in the order their trial rows
     * come (HOST's mechanisms share every key column but the trial CSV's mechanism).
     */
    private static void attach(List<MassDeathTrialRecord> rows, List<MassDeathConnectionRecord> connections,
            Path connectionFile, FolderReading reading, List<MassDeathRun.Undetected> undetected)
            throws ResultsFileException {
        Map<String, Deque<List<MassDeathConnectionRecord>>> blocks = new HashMap<>();
        List<MassDeathConnectionRecord> block = null;
        for (MassDeathConnectionRecord c : connections) {
            if (block == null || !key(block.get(0)).equals(key(c)) || block.size() == c.connections()) {
                block = new ArrayList<>();
                blocks.computeIfAbsent(key(c), k -> new ArrayDeque<>()).add(block);
            }
            block.add(c);
        }
        String name = FolderReading.name(connectionFile);
        for (MassDeathTrialRecord t : rows) {
            List<MassDeathConnectionRecord> mine = Optional.ofNullable(blocks.get(key(t))).map(Deque::poll)
                    .orElse(List.of());
            if (mine.size() < t.connections()) {
                reading.gap(name, t.combination().describe() + " trial " + t.trial() + ": " + mine.size() + " of its "
                        + t.connections() + " connections are in the file (the run stopped mid-write)");
            }
            long detected = mine.stream().filter(MassDeathConnectionRecord::detected).count();
            if (mine.size() == t.connections() && detected != t.detected()) {
                throw new ResultsFileException(connectionFile, t.combination().describe() + " trial " + t.trial()
                        + ": " + detected + " of its connections detected, its trial row says " + t.detected()
                        + ": the files contradict each other");
            }
            if (t.skippedReason().isEmpty()) {
                mine.stream().filter(c -> !c.detected()).forEach(c -> undetected.add(new MassDeathRun.Undetected(t, c)));
            }
        }
        long orphans = blocks.values().stream().flatMap(Deque::stream).mapToLong(List::size).sum();
        if (orphans > 0) {
            reading.gap(name, orphans + " connection rows belong to no trial row: the trial CSV's last line was cut");
        }
    }

    private static String key(MassDeathConnectionRecord c) {
        return c.fault() + "/" + c.observer() + "/" + c.placement() + "/" + c.connections() + "/" + c.trial();
    }

    private static String key(MassDeathTrialRecord t) {
        return t.fault() + "/" + t.observer() + "/" + t.placement() + "/" + t.connections() + "/" + t.trial();
    }

    /** One interval per trial, in trial order, each holding the detections its row counted. */
    private static void checkLogs(Path folder, List<MassDeathTrialRecord> trials, FolderReading reading)
            throws ResultsFileException {
        Map<MassDeathCombination, List<MassDeathTrialRecord>> byCombination = new LinkedHashMap<>();
        trials.forEach(t -> byCombination.computeIfAbsent(t.combination(), k -> new ArrayList<>()).add(t));
        for (Map.Entry<MassDeathCombination, List<MassDeathTrialRecord>> e : byCombination.entrySet()) {
            String name = e.getKey().latencyFileName();
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                reading.gap(name, "missing, though " + e.getKey().describe() + " has trial rows: its detections are "
                        + "read from the trial rows alone");
                continue;
            }
            HistogramLogIntervals log = HistogramLogIntervals.read(file);
            reading.read.add(name);
            List<Histogram> intervals = log.intervals();
            List<MassDeathTrialRecord> rows = e.getValue();
            for (int i = 0; i < Math.min(intervals.size(), rows.size()); i++) {
                if (intervals.get(i).getTotalCount() != rows.get(i).detected()) {
                    throw new ResultsFileException(file, "interval " + (i + 1) + " holds " + intervals.get(i).getTotalCount()
                            + " detections, trial " + rows.get(i).trial() + "'s row counted " + rows.get(i).detected()
                            + ": the log is corrupt or not of this run");
                }
            }
            if (intervals.size() != rows.size()) {
                reading.gap(name, "holds " + intervals.size() + " intervals for " + rows.size() + " trial rows: the run "
                        + "stopped between writing the two" + (log.lastLineCut() ? " (its last line is cut)" : ""));
            } else if (log.lastLineCut()) {
                reading.gap(name, CsvFile.CUT);
            }
        }
    }

    /** Every combination the run planned, each with the trials it planned, unless skipped. */
    private static void checkPlan(List<MassDeathTrialRecord> trials, FolderMetadata metadata, FolderReading reading) {
        if (trials.isEmpty()) {
            return;
        }
        Map<MassDeathCombination, Long> ran = new LinkedHashMap<>();
        Set<MassDeathCombination> skipped = new HashSet<>();
        for (MassDeathTrialRecord t : trials) {
            ran.merge(t.combination(), 1L, Long::sum);
            if (t.skippedReason().isPresent()) {
                skipped.add(t.combination());
            }
        }
        String pattern = ResultFile.MASS_DEATH_TRIALS.pattern();
        metadata.wholeNumber(MetadataKey.MASS_DEATH_PREFIX + "combinations").filter(planned -> ran.size() < planned)
                .ifPresent(planned -> reading.gap(pattern, ran.size() + " of the " + planned + " planned combinations "
                        + "have a trial: the run stopped before the rest"));
        metadata.wholeNumber(MetadataKey.MASS_DEATH_PREFIX + "trials").ifPresent(planned -> ran.forEach((k, n) -> {
            if (!skipped.contains(k) && n < planned) {
                reading.gap(pattern, k.describe() + ": " + n + " of " + planned + " trials (the run stopped)");
            }
        }));
    }
}
