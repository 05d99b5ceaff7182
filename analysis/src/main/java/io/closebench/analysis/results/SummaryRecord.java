package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code summary-<profile>.csv}, the table the bench job prints at its end: per
 * benchmark, scenario and load, the recorded count, median and p99 of each observer over the merged
 * .hlog files. The report recomputes every figure from the logs; this row serves as a cross-check
 * that the logs read are the ones the run summarised.
 *
 * @param benchmark e.g. "ReadsAfterPeerClosed.repetition"
 * @param scenario e.g. "C2a"
 * @param loadConnections background connections
 * @param cpuBurners CPU burner threads
 * @param blockingCount the blocking observer's recorded repetitions
 * @param nioCount the NIO observer's recorded repetitions
 */
public record SummaryRecord(String benchmark, String scenario, int loadConnections, int cpuBurners, long blockingCount,
        long nioCount) {

    /** The columns read; the file may have more. */
    public static final List<String> COLUMNS = List.of("benchmark", "scenario_id", "load_connections", "cpu_burners",
            "blocking_count", "blocking_p50_ns", "blocking_p99_ns", "nio_count", "nio_p50_ns", "nio_p99_ns");

    /**
     * @param file a {@code summary-*.csv}
     * @return its rows
     * @throws ResultsFileException naming the file on any format problem
     */
    public static List<SummaryRecord> read(Path file) throws ResultsFileException {
        List<SummaryRecord> rows = new ArrayList<>();
        for (CsvRow r : CsvFile.read(file, COLUMNS)) {
            rows.add(new SummaryRecord(r.text("benchmark"), r.text("scenario_id"), (int) r.whole("load_connections"),
                    (int) r.whole("cpu_burners"), r.whole("blocking_count"), r.whole("nio_count")));
        }
        return rows;
    }

    /**
     * @param observer BLOCKING or NIO
     * @return the key of that observer's half of this row
     */
    public BenchmarkKey key(String observer) {
        return new BenchmarkKey(benchmark, scenario, observer, loadConnections, cpuBurners);
    }

    /**
     * @param observer BLOCKING or NIO
     * @return that observer's recorded count
     */
    public long count(String observer) {
        return observer.equals("NIO") ? nioCount : blockingCount;
    }
}
