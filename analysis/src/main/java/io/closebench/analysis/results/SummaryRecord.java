package io.closebench.analysis.results;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Column;
import io.closebench.schema.SummaryColumn;
import java.util.List;
import java.util.Optional;

import static io.closebench.schema.SummaryColumn.*;

/**
 * One row of {@code summary-<profile>.csv}, appended as each benchmark ends: per parameter
 * combination, the JDK, the forks, the recorded count, median and p99 over the forks' .hlog files,
 * and JMH's score; or, for a combination that could not run on this JDK or kernel, the reason. The
 * report recomputes every latency from the logs, so the row serves as the cross-check that the logs
 * read are the ones the run summarised, as the source of JMH's score, and as the record of what was
 * skipped and why, which must never vanish from a report.
 *
 * @param key the combination
 * @param jdk the JDK the forks ran on
 * @param forks forks JMH ran (0 for a skipped combination)
 * @param count repetitions recorded over every fork
 * @param score JMH's score, NaN for a skipped combination
 * @param scoreUnit e.g. "ops/s"; empty for a skipped combination
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param skippedReason why the combination could not run here; empty when it ran
 */
public record SummaryRecord(BenchmarkKey key, String jdk, long forks, long count, double score, String scoreUnit,
        long unexpected, Optional<String> skippedReason) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(SummaryColumn.class);

    /**
     * @param r a row of a {@code summary-*.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static SummaryRecord of(CsvRow r) throws ResultsFileException {
        BenchmarkKey key = r.key(BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS,
                CPU_BURNERS);
        String reason = r.text(SKIPPED_REASON).strip();
        return new SummaryRecord(key, r.text(JDK), r.whole(FORKS), r.whole(COUNT), r.decimalOrNaN(SCORE),
                r.text(SCORE_UNIT), r.whole(UNEXPECTED), reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    /** @return whether the combination could not run here */
    public boolean isSkipped() {
        return skippedReason.isPresent();
    }
}
