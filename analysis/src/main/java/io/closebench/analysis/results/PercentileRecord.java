package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fork's {@code percentiles-*.csv} row: how many repetitions it recorded into its .hlog, and the
 * outcomes and background-load counts the .hlog does not carry. Its {@link #count()} must equal the
 * recorded total of the fork's .hlog; a difference means the log is truncated or corrupt.
 *
 * @param key benchmark, scenario, observer and load
 * @param forkPid the fork's process id, which also names its .hlog
 * @param count repetitions with a known t0, all recorded in the histogram
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param timeouts repetitions that hit the deadline
 * @param harnessFailures repetitions the harness could not run as designed
 * @param noT0 repetitions without a latency to record
 * @param outcomeCounts {@code OUTCOME=count;...} over every measured repetition
 * @param loadMessagesDropped background-load messages dropped because a socket buffer was full; -1
 *     when the file predates that column
 */
public record PercentileRecord(BenchmarkKey key, long forkPid, long count, long unexpected, long timeouts,
        long harnessFailures, long noT0, String outcomeCounts, long loadMessagesDropped) {

    /** The columns required; {@code load_messages_dropped} is read when present (runs before it lack it). */
    public static final List<String> COLUMNS = List.of("benchmark", "scenario_id", "observer", "load_connections",
            "cpu_burners", "fork_pid", "count", "unexpected", "timeouts", "harness_failures", "no_t0", "outcome_counts");

    /**
     * @param file a {@code percentiles-*.csv}
     * @return its rows (one per fork, in practice exactly one)
     * @throws ResultsFileException naming the file on any format problem
     */
    public static List<PercentileRecord> read(Path file) throws ResultsFileException {
        List<PercentileRecord> rows = new ArrayList<>();
        for (CsvRow r : CsvFile.read(file, COLUMNS)) {
            BenchmarkKey key = new BenchmarkKey(r.text("benchmark"), r.text("scenario_id"), r.text("observer"),
                    (int) r.whole("load_connections"), (int) r.whole("cpu_burners"));
            rows.add(new PercentileRecord(key, r.whole("fork_pid"), r.whole("count"), r.whole("unexpected"),
                    r.whole("timeouts"), r.whole("harness_failures"), r.whole("no_t0"), r.text("outcome_counts"),
                    r.wholeIfPresent("load_messages_dropped", -1)));
        }
        if (rows.isEmpty()) {
            throw new ResultsFileException(file, "has a header but no row: the fork wrote nothing");
        }
        return rows;
    }
}
