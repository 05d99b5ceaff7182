package io.closebench.analysis.results;

import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.CableRecord;
import io.closebench.schema.row.S1TimelineRecord;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.NativeFloorRecord;
import io.closebench.schema.row.ObservationRecord;
import io.closebench.schema.row.PercentileRecord;
import io.closebench.schema.row.SummaryRecord;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one results folder holds, read and checked by {@link RunFolderReader}: the run's
 * metadata and status, the conformance matrix and its observations, JMH's results, the detection
 * latency of every benchmark combination with its forks and iterations kept apart, the forks'
 * percentile rows, the summary (skipped combinations included), S1's cable samples, the native
 * floor, the mass deaths and the soak; plus the {@link FolderGap}s, the things it should hold but does not. Lists are empty where
 * the run wrote nothing of that kind.
 *
 * @param folder the folder
 * @param metadata {@code metadata.csv}
 * @param status {@code status.txt}
 * @param filesRead every file the figures come from, relative to the folder, sorted
 * @param matrix rows of {@code matrix-*.csv}
 * @param observations rows of {@code observations-*.csv}
 * @param jmh JMH's results, from the JSON where present, else from the CSV
 * @param latency per combination with at least one recorded value: one fork per {@code .hlog}, in the
 *     order the forks ran, one iteration per interval
 * @param percentiles per combination, one row per fork that finished
 * @param summary rows of {@code summary-*.csv}, skipped combinations included
 * @param cable rows of {@code cable-*.csv}
 * @param cableFile the cable CSV's name, which carries its settings; empty when there is none
 * @param nativeFloor rows of {@code native-floor.csv}
 * @param massDeath the mass deaths' trials and undetected connections
 * @param soak the soak's samples and matrix
 * @param gaps what is missing, empty for a whole run
 * @param s1Timeline rows of {@code s1-timeline-*.csv}: S1's first connections event by event (captured runs)
 */
public record RunFolder(Path folder, FolderMetadata metadata, FolderStatus status, List<String> filesRead,
        List<MatrixRecord> matrix, List<ObservationRecord> observations, List<JmhResult> jmh,
        SortedMap<BenchmarkKey, ForkedLatency> latency, SortedMap<BenchmarkKey, List<PercentileRecord>> percentiles,
        List<SummaryRecord> summary, List<CableRecord> cable, String cableFile, List<NativeFloorRecord> nativeFloor,
        MassDeathRun massDeath, SoakRun soak, List<FolderGap> gaps, List<S1TimelineRecord> s1Timeline) {

    /** A folder without S1's timeline (not captured, or written before it). */
    public RunFolder(Path folder, FolderMetadata metadata, FolderStatus status, List<String> filesRead,
            List<MatrixRecord> matrix, List<ObservationRecord> observations, List<JmhResult> jmh,
            SortedMap<BenchmarkKey, ForkedLatency> latency, SortedMap<BenchmarkKey, List<PercentileRecord>> percentiles,
            List<SummaryRecord> summary, List<CableRecord> cable, String cableFile, List<NativeFloorRecord> nativeFloor,
            MassDeathRun massDeath, SoakRun soak, List<FolderGap> gaps) {
        this(folder, metadata, status, filesRead, matrix, observations, jmh, latency, percentiles, summary, cable,
                cableFile, nativeFloor, massDeath, soak, gaps, List.of());
    }

    /** Keeps unmodifiable copies. */
    public RunFolder {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(status, "status");
        filesRead = List.copyOf(filesRead);
        matrix = List.copyOf(matrix);
        observations = List.copyOf(observations);
        jmh = List.copyOf(jmh);
        latency = Collections.unmodifiableSortedMap(new TreeMap<>(latency));
        percentiles = Collections.unmodifiableSortedMap(new TreeMap<>(percentiles));
        summary = List.copyOf(summary);
        cable = List.copyOf(cable);
        Objects.requireNonNull(cableFile, "cableFile");
        nativeFloor = List.copyOf(nativeFloor);
        Objects.requireNonNull(massDeath, "massDeath");
        Objects.requireNonNull(soak, "soak");
        gaps = List.copyOf(gaps);
        s1Timeline = List.copyOf(s1Timeline);
    }

    /**
     * Reads and checks a results folder; shorthand for {@link RunFolderReader#read(Path)}.
     *
     * @param folder a folder written by closebench
     * @return its contents
     * @throws ResultsFileException naming the file, when the folder is not a results folder of this
     *     schema version or a file is corrupt
     */
    public static RunFolder read(Path folder) throws ResultsFileException {
        return RunFolderReader.read(folder);
    }

    /** @return the folder's name, e.g. "20261125-100230-vm-39255e" */
    public String name() {
        return folder.getFileName().toString();
    }

    /** @return whether something is missing: the run was cut short or a file is absent */
    public boolean isPartial() {
        return !gaps.isEmpty();
    }

    /**
     * @param key a combination
     * @return its summary row, when the summary has one
     */
    public Optional<SummaryRecord> summaryRow(BenchmarkKey key) {
        return summary.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** @return the combinations that could not run here, with their reasons, in summary order */
    public List<SummaryRecord> skipped() {
        return summary.stream().filter(SummaryRecord::isSkipped).toList();
    }

    /**
     * The JDK a figure was measured on: what its forks' percentile rows say, else its summary row,
     * else the JDK the metadata names for the benchmark forks. Forks of one combination run on one
     * JDK; should they not, all are named.
     *
     * @param key a combination
     * @return e.g. "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)"
     */
    public String jdk(BenchmarkKey key) {
        List<String> forks = percentiles.getOrDefault(key, List.of()).stream().map(PercentileRecord::jdk).distinct()
                .toList();
        if (!forks.isEmpty()) {
            return String.join(" and ", forks);
        }
        return summaryRow(key).map(SummaryRecord::jdk).filter(j -> !j.isBlank()).orElse(metadata.benchJdk());
    }
}
