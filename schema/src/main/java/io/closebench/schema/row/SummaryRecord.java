package io.closebench.schema.row;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.SummaryColumn;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import static io.closebench.schema.SummaryColumn.*;

/**
 * One benchmark combination, a row of {@code summary-<profile>.csv}, appended as each benchmark ends:
 * the JDK, the forks, the recorded count, median and p99 over the forks' .hlog files merged, and JMH's
 * score; or, for a combination that could not run on this JDK or kernel, the reason. Every column of
 * {@link SummaryColumn}, in its order. JMH's score is written to one decimal, and a record holds it as
 * written.
 *
 * @param key the combination
 * @param jdk the JDK the forks ran on
 * @param forks forks JMH ran (0 for a skipped combination)
 * @param count repetitions recorded over every fork
 * @param p50Nanos median t1 - t0 over every fork's .hlog merged; -1 when skipped or nothing recorded
 * @param p99Nanos the 99th percentile, likewise
 * @param score JMH's score, NaN for a skipped combination
 * @param scoreUnit e.g. "ops/s"; empty for a skipped combination
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param skippedReason why the combination could not run here; empty when it ran
 */
public record SummaryRecord(BenchmarkKey key, String jdk, long forks, long count, long p50Nanos, long p99Nanos,
        double score, String scoreUnit, long unexpected, Optional<String> skippedReason)
        implements SchemaRecord<SummaryColumn> {

    /** How {@code summary-*.csv} is read. */
    public static final RowFormat<SummaryRecord> FORMAT = RowFormat.of(SummaryColumn.class, SummaryRecord::read);

    /** Holds the score as the file writes it. */
    public SummaryRecord {
        score = Double.isFinite(score) ? new BigDecimal(scoreCell(score)).doubleValue() : score;
    }

    /**
     * The row of a combination that cannot run here: a row with the reason, never a silent omission.
     *
     * @param key the combination
     * @param jdk the JDK it would have run on
     * @param reason why it cannot
     * @return the row
     */
    public static SummaryRecord skipped(BenchmarkKey key, String jdk, String reason) {
        return new SummaryRecord(key, jdk, 0, 0, -1, -1, Double.NaN, "", 0, Optional.of(reason));
    }

    private static String scoreCell(double score) {
        return Double.isNaN(score) ? "" : String.format(Locale.ROOT, "%.1f", score);
    }

    @Override
    public void fill(CsvLog<SummaryColumn>.Row r) {
        r.set(BENCHMARK, key.benchmark()).set(SCENARIO_ID, key.scenario()).set(OBSERVER, key.observer())
                .set(PLACEMENT, key.placement()).set(IDLE_BEFORE_FAULT_US, key.idleBeforeFaultMicros())
                .set(LOAD_CONNECTIONS, key.loadConnections()).set(CPU_BURNERS, key.cpuBurners()).set(JDK, jdk)
                .set(FORKS, forks).set(COUNT, count).set(P50_NS, p50Nanos).set(P99_NS, p99Nanos)
                .set(SCORE, scoreCell(score)).set(SCORE_UNIT, scoreUnit).set(UNEXPECTED, unexpected)
                .set(SKIPPED_REASON, skippedReason.orElse(""));
    }

    /**
     * @param r a row of a {@code summary-*.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static SummaryRecord read(CsvRow r) throws ResultsFileException {
        BenchmarkKey key = r.key(BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS,
                CPU_BURNERS);
        String reason = r.text(SKIPPED_REASON).strip();
        return new SummaryRecord(key, r.text(JDK), r.whole(FORKS), r.whole(COUNT), r.whole(P50_NS), r.whole(P99_NS),
                r.decimalOrNaN(SCORE), r.text(SCORE_UNIT), r.whole(UNEXPECTED),
                reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    /** @return whether the combination could not run here */
    public boolean isSkipped() {
        return skippedReason.isPresent();
    }
}
