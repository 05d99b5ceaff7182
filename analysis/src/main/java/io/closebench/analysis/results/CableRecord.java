package io.closebench.analysis.results;

import io.closebench.schema.CableColumn;
import io.closebench.schema.Column;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.closebench.schema.CableColumn.*;

/**
 * One connection of S1, the pulled cable ({@code cable-*.csv}): the fault, the detection mechanism
 * and observer, what happened and when, and what the mechanism's own rule predicts. Times are
 * nanoseconds of one monotonic clock; -1 where not applicable.
 *
 * @param trial the trial (one pair of hosts, one fault)
 * @param fault a, b, c, c', d or e
 * @param faultDescription the fault in words
 * @param mechanism e.g. "keepalive", "tcp_retries2=3", "heartbeat 250 ms"
 * @param settings the mechanism's settings in words
 * @param observer the I/O model of the server's connections
 * @param placement where the server's threads ran; empty where the file does not say
 * @param outcome e.g. CONNECTION_TIMED_OUT, TIMEOUT (a local timer or the trial's bound)
 * @param detectedBy READ, WRITE, READ_DEADLINE, HEARTBEAT, BOUND (nothing by the bound) or RECOVERY
 * @param detectionNanos t1 - t0, t0 being right before the fault; for BOUND, how long it waited
 * @param theoryKind FINITE, NEVER or NOT_PREDICTED
 * @param theoryReference the instant the theory counts from (LAST_PEER_SEGMENT, FIRST_UNACKED_SEND,
 *     LAST_READ, PLUG)
 * @param theoryNanos the predicted time after the reference; -1 unless FINITE
 * @param sinceReferenceNanos t1 - the reference instant, -1 when unknown
 * @param ratio {@code sinceReferenceNanos / theoryNanos}; NaN when the theory is not finite or the
 *     connection reached the bound
 * @param theory why the settings predict that, with the numbers
 * @param boundNanos the trial's bound after t0
 * @param failure why the harness could not run it as designed, empty when it could
 */
public record CableRecord(long trial, String fault, String faultDescription, String mechanism, String settings,
        Observer observer, Optional<Placement> placement, Outcome outcome, String detectedBy, long detectionNanos, String theoryKind,
        String theoryReference, long theoryNanos, long sinceReferenceNanos, double ratio, String theory,
        long boundNanos, String failure) {

    /**
     * The columns the file must have: every one of {@link CableColumn} but {@link CableColumn#PLACEMENT},
     * which the schema defines and the cable writer does not write yet; it is read where present.
     */
    public static final List<String> COLUMNS = Arrays.stream(CableColumn.values()).filter(c -> c != PLACEMENT)
            .map(Column::header).toList();

    /**
     * @param r a row of a {@code cable-*.csv}
     * @return the connection
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static CableRecord of(CsvRow r) throws ResultsFileException {
        return new CableRecord(r.whole(TRIAL), r.text(FAULT), r.text(FAULT_DESCRIPTION), r.text(MECHANISM),
                r.text(SETTINGS), r.word(OBSERVER, Observer.class),
                r.has(PLACEMENT) ? Optional.of(r.word(PLACEMENT, Placement.class)) : Optional.empty(),
                r.word(OUTCOME, Outcome.class), r.text(DETECTED_BY), r.whole(DETECTION_NS), r.text(THEORY_KIND),
                r.text(THEORY_REFERENCE), r.whole(THEORY_NS), r.whole(SINCE_REFERENCE_NS), r.decimalOrNaN(RATIO),
                r.text(THEORY), r.whole(BOUND_NS), r.text(FAILURE));
    }

    /** @return whether nothing was detected by the trial's bound */
    public boolean reachedBound() {
        return detectedBy.equals("BOUND");
    }

    /** @return whether the mechanism's rule gives a finite time */
    public boolean hasFiniteTheory() {
        return theoryKind.equals("FINITE") && theoryNanos > 0;
    }
}
