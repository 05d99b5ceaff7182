package io.closebench.analysis.results;

import io.closebench.schema.Column;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.Verdict;
import java.util.List;
import java.util.Optional;

import static io.closebench.schema.MatrixColumn.*;

/**
 * One row of {@code matrix-*.csv}: a scenario and observer, what the note claims, what happened over
 * all repetitions, and the {@link Verdict}, with the reason wherever it departs from the note (or why
 * the case is pending, or why the observer was skipped). A row of a run that was stopped is marked
 * partial: it aggregates fewer repetitions than planned. Only the columns a report shows are kept.
 *
 * @param caseId the note's case, e.g. "S3"
 * @param scenarioId the variant, e.g. "S3b-jvm"; empty for a PENDING case
 * @param variant what the variant does, in words
 * @param peerRuntime where the misbehaving peer runs
 * @param observer the I/O model; empty for a PENDING case
 * @param placement where the threads ran; empty for a PENDING case
 * @param repetitions repetitions aggregated
 * @param repetitionsPlanned repetitions the run set out to make
 * @param partial whether the run was stopped before the row had all its repetitions
 * @param noteOutcome the outcome the note's Linux column claims
 * @param outcomeCounts {@code OUTCOME=count;...}
 * @param dominantOutcome the most frequent outcome; empty for a skipped or pending row
 * @param verdict the verdict
 * @param medianLatencyNanos median t1 - t0, -1 when nothing was detected
 * @param asleepAtFault repetitions in which the observer was seen asleep at the fault
 * @param why the plain reason for a departure, a pending case or a skipped observer; empty otherwise
 * @param maxT0BoundNanos the largest bound of a converted t0 (a peer on another host); 0 on this host's clock,
 *                   -1 when unknown (no t0, or a folder written before the column)
 */
public record MatrixRecord(String caseId, String scenarioId, String variant, String peerRuntime,
        Optional<Observer> observer, Optional<Placement> placement, long repetitions, long repetitionsPlanned,
        boolean partial, String noteOutcome, String outcomeCounts, String dominantOutcome, Verdict verdict,
        long medianLatencyNanos, long asleepAtFault, String why, long maxT0BoundNanos) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(MatrixColumn.class);

    /**
     * @param r a row of a {@code matrix-*.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static MatrixRecord of(CsvRow r) throws ResultsFileException {
        Verdict verdict = r.word(VERDICT, Verdict.class);
        boolean pending = verdict == Verdict.PENDING;
        return new MatrixRecord(r.text(CASE_ID), r.text(SCENARIO_ID), r.text(VARIANT), r.text(PEER_RUNTIME),
                pending ? Optional.empty() : Optional.of(r.word(OBSERVER, Observer.class)),
                pending ? Optional.empty() : Optional.of(r.word(PLACEMENT, Placement.class)),
                r.whole(REPETITIONS), r.whole(REPETITIONS_PLANNED), r.yesNo(PARTIAL), r.text(NOTE_OUTCOME),
                r.text(OUTCOME_COUNTS), r.text(DOMINANT_OUTCOME), verdict, r.whole(MEDIAN_LATENCY_NS),
                r.whole(ASLEEP_AT_FAULT), r.text(WHY), r.has(MAX_T0_BOUND_NS) ? r.whole(MAX_T0_BOUND_NS) : -1);
    }

    /** @return whether the row's repetitions ran (neither pending nor skipped) */
    public boolean ran() {
        return verdict != Verdict.PENDING && verdict != Verdict.SKIPPED;
    }

    /** @return the observer's name, "-" for a pending case */
    public String observerName() {
        return observer.map(Enum::name).orElse("-");
    }
}
