package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * @param observer BLOCKING, NIO or NETTY_EPOLL
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
        String observer, String outcome, String detectedBy, long detectionNanos, String theoryKind,
        String theoryReference, long theoryNanos, long sinceReferenceNanos, double ratio, String theory,
        long boundNanos, String failure) {

    /** The columns read; the file may have more. */
    public static final List<String> COLUMNS = List.of("trial", "fault", "fault_description", "mechanism", "settings",
            "observer", "outcome", "detected_by", "detection_ns", "theory_kind", "theory_reference", "theory_ns",
            "since_reference_ns", "ratio", "theory", "bound_ns", "failure");

    /**
     * @param file a {@code cable-*.csv}
     * @return its rows
     * @throws ResultsFileException naming the file on any format problem
     */
    public static List<CableRecord> read(Path file) throws ResultsFileException {
        List<CableRecord> rows = new ArrayList<>();
        for (CsvRow r : CsvFile.read(file, COLUMNS)) {
            rows.add(new CableRecord(r.whole("trial"), r.text("fault"), r.text("fault_description"), r.text("mechanism"),
                    r.text("settings"), r.text("observer"), r.text("outcome"), r.text("detected_by"),
                    r.whole("detection_ns"), r.text("theory_kind"), r.text("theory_reference"), r.whole("theory_ns"),
                    r.whole("since_reference_ns"), r.decimalOrNaN("ratio"), r.text("theory"), r.whole("bound_ns"),
                    r.text("failure")));
        }
        return rows;
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
