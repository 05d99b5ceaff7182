package io.closebench.analysis.results;

import io.closebench.schema.Column;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.util.List;

import static io.closebench.schema.ObservationColumn.*;

/**
 * One repetition of the conformance matrix ({@code observations-*.csv}): which scenario, observer
 * and placement, the outcome, and the detection latency t1 - t0 exactly as measured (no histogram),
 * with what the harness saw of the observer at the fault. Only the columns a report uses are kept.
 *
 * @param scenarioId e.g. "C3a"
 * @param caseId e.g. "C3"
 * @param observer the I/O model
 * @param placement where its threads ran
 * @param peerRuntime in-process, jvm or bash
 * @param repetition index within its scenario and observer
 * @param outcome what the observer's decisive call reported
 * @param event the event the model reported it through, e.g. a Netty callback; empty for a plain call
 * @param latencyNanos t1 - t0; for TIMEOUT how long it waited; -1 when t0 is unknown
 * @param asleepAtFault "yes", "no" or "n/a"
 * @param idleBeforeFaultNanos how long the observer had been asleep when the fault came, -1 when unknown
 * @param handOffInMeasuredPath whether a hand-off between the harness's threads lay inside t1 - t0
 * @param eventBeforeFirstCallNanos how long before the model's first call the event was already
 *     there, -1 when it was not
 * @param observerCpus the CPUs the observer ran on
 * @param peerCpus the CPUs the peer ran on
 * @param failure why the harness could not run it as designed, empty when it could
 */
public record ObservationRecord(String scenarioId, String caseId, Observer observer, Placement placement,
        String peerRuntime, long repetition, Outcome outcome, String event, long latencyNanos, String asleepAtFault,
        long idleBeforeFaultNanos, boolean handOffInMeasuredPath, long eventBeforeFirstCallNanos, String observerCpus,
        String peerCpus, String failure) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(ObservationColumn.class);

    /**
     * @param r a row of an {@code observations-*.csv}
     * @return the repetition
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static ObservationRecord of(CsvRow r) throws ResultsFileException {
        return new ObservationRecord(r.text(SCENARIO_ID), r.text(CASE_ID), r.word(OBSERVER, Observer.class),
                r.word(PLACEMENT, Placement.class), r.text(PEER_RUNTIME), r.whole(REPETITION),
                r.word(OUTCOME, Outcome.class), r.text(EVENT), r.whole(LATENCY_NS), r.text(ASLEEP_AT_FAULT),
                r.whole(IDLE_BEFORE_FAULT_NS), r.yesNo(HANDOFF_IN_MEASURED_PATH), r.whole(EVENT_BEFORE_FIRST_CALL_NS),
                r.text(OBSERVER_CPUS), r.text(PEER_CPUS), r.text(FAILURE));
    }

    /**
     * Whether this repetition detected the end of the connection at a known time: its latency is a
     * detection latency. Timeouts (our deadline), NONE and harness failures are not detections.
     *
     * @return true for a detected outcome with a measured latency
     */
    public boolean isTimedDetection() {
        return latencyNanos > 0 && failure.isEmpty() && outcome.isDetection();
    }
}
