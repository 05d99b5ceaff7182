package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything one results folder holds, read and checked by {@link RunFolderReader}: the run's
 * metadata and status, the conformance matrix and its observations, JMH's results, the detection
 * latency of every benchmark combination (all forks' .hlog files merged), the forks' percentile rows,
 * the summary, and S1's cable samples; plus the {@link FolderGap}s, the things it should hold but
 * does not. Lists are empty where the run wrote nothing of that kind.
 *
 * @param folder the folder
 * @param metadata {@code metadata.csv}
 * @param status {@code status.txt}
 * @param filesRead every file the figures come from, relative to the folder, sorted
 * @param matrix rows of {@code matrix-*.csv}
 * @param observations rows of {@code observations-*.csv}
 * @param jmh JMH's results, from the JSON where present, else from the CSV
 * @param latency per combination, every fork's intervals merged
 * @param percentiles per combination, one row per fork
 * @param summary rows of {@code summary-*.csv}
 * @param cable rows of {@code cable-*.csv}
 * @param cableFile the cable CSV's name, which carries its settings; empty when there is none
 * @param gaps what is missing, empty for a whole run
 */
public record RunFolder(Path folder, FolderMetadata metadata, FolderStatus status, List<String> filesRead,
        List<MatrixRecord> matrix, List<ObservationRecord> observations, List<JmhResult> jmh,
        SortedMap<BenchmarkKey, Histogram> latency, SortedMap<BenchmarkKey, List<PercentileRecord>> percentiles,
        List<SummaryRecord> summary, List<CableRecord> cable, String cableFile, List<FolderGap> gaps) {

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
        gaps = List.copyOf(gaps);
    }

    /**
     * Reads and checks a results folder; shorthand for {@link RunFolderReader#read(Path)}.
     *
     * @param folder a folder written by closebench
     * @return its contents
     * @throws ResultsFileException naming the file, when the folder is not a results folder or a file
     *     is corrupt
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
     * @return JMH's result for it, if JMH's files hold one
     */
    public Optional<JmhResult> jmhResult(BenchmarkKey key) {
        return jmh.stream().filter(r -> r.key().map(key::equals).orElse(false)).findFirst();
    }
}
