package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.Verdict;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.util.Optional;

import static io.closebench.schema.MatrixColumn.*;

/**
 * One row of {@code matrix-*.csv} (and of a soak's {@code matrix-soak-*.csv}): a scenario and
 * observer, what the note claims, what happened over all repetitions, and the {@link Verdict}, with
 * the reason wherever it departs from the note, a case is pending or an observer skipped. A row of a
 * run that was stopped is marked partial. Every column of {@link MatrixColumn}, in its order;
 * {@code results/README.md} says what each means. The later columns ({@code LaterColumns}) read as
 * unknown from files written before them: {@code median_fault_call_ns} -1, the texts "", the peer's
 * host {@link PeerHost#UNKNOWN}.
 *
 * <p>The words of {@code case_id}, {@code side}, {@code note_accounting} and the scenario's texts are
 * the harness's own (its scenario catalogue), kept as written.
 *
 * @param caseId the note's case, e.g. "S3"
 * @param scenarioId the variant, e.g. "S3b-jvm"; empty for a PENDING case
 * @param variant what the variant does, in words
 * @param side which side observes, e.g. "SERVER"
 * @param peerRuntime where the misbehaving peer runs; empty for a PENDING case
 * @param fault the peer's call at t0
 * @param probe what the observer does
 * @param preparation the connection's state at t0
 * @param observer the I/O model; empty for a PENDING case
 * @param placement where the threads ran; empty for a PENDING case
 * @param repetitions repetitions aggregated
 * @param repetitionsPlanned repetitions the run set out to make
 * @param partial whether the run was stopped before the row had all its repetitions
 * @param noteLinux the note's Linux column
 * @param noteWindows the note's Windows column
 * @param noteOutcome the outcome the Linux column claims
 * @param noteAccounting the byte accounting it claims, e.g. "ALL_DELIVERED", "ANY"
 * @param inNote false for the cases closebench adds
 * @param outcomeCounts {@code OUTCOME=count;...}
 * @param dominantOutcome the most frequent outcome; empty for a skipped or pending row
 * @param agreeing repetitions that matched the claim
 * @param verdict the verdict
 * @param peerBytesSentTotal bytes the peer sent, over the repetitions
 * @param bytesDeliveredTotal bytes the observer read, over the repetitions
 * @param repsWithLoss repetitions in which some of what the peer sent never arrived
 * @param writesAccepted "1", or "min-max"; "-" without repetitions; empty for a PENDING case
 * @param nextRead the most frequent answer of one more read
 * @param nextWrite the most frequent answer of one more write
 * @param medianLatencyNanos median t1 - t0 over the detections, -1 when none
 * @param asleepAtFault repetitions in which the observer was seen asleep at the fault
 * @param exceptionMessages the distinct exception texts, {@value #MESSAGE_SEPARATOR}-separated
 * @param why the plain reason for a departure, a pending case or a skipped observer; empty otherwise
 * @param medianFaultCallNanos median time the fault call took, -1 where the harness made none
 * @param observerTcpStates the observer socket's TCP states most repetitions recorded, or empty
 * @param sigpipe "raised 20/20", "raised 19, none 1 /20"; empty where no repetition could tell
 * @param wire the row's repetitions as the wire showed them ({@code wire_*})
 * @param peerHost where the peer ran, the median round trip to its host and the largest bound of a
 *     converted t0 ({@code peer_host}, {@code peer_os}, {@code peer_jdk}, {@code median_rtt_ns},
 *     {@code max_t0_bound_ns})
 */
public record MatrixRecord(String caseId, String scenarioId, String variant, String side, String peerRuntime,
        String fault, String probe, String preparation, Optional<Observer> observer, Optional<Placement> placement,
        long repetitions, long repetitionsPlanned, boolean partial, String noteLinux, String noteWindows,
        Outcome noteOutcome, String noteAccounting, boolean inNote, String outcomeCounts,
        Optional<Outcome> dominantOutcome, long agreeing, Verdict verdict, long peerBytesSentTotal,
        long bytesDeliveredTotal, long repsWithLoss, String writesAccepted, String nextRead, String nextWrite,
        long medianLatencyNanos, long asleepAtFault, String exceptionMessages, String why, long medianFaultCallNanos,
        String observerTcpStates, String sigpipe, Wire wire, PeerHost peerHost) implements SchemaRecord<MatrixColumn> {

    /**
     * The {@code wire_*} columns: the row's repetitions as the wire showed them. Files written before
     * them read as empty texts and -1 counts.
     *
     * @param firstEnd "RST by peer 20/20", "FIN by peer 19/20, none 1/20"; empty when nothing was seen
     * @param endAtMicros the median time of that first end after t0, microseconds, three decimals; or empty
     * @param rstBeforeData "20/20": repetitions whose first RST left ahead of written data; or empty
     * @param retransmissions retransmissions after t0 over the repetitions, both sides
     * @param probes keepalive and zero-window probes after t0 over the repetitions, both sides
     * @param order the most frequent order of what left after the fault, with how often
     * @param unavailable in how many repetitions the wire could not tell, and why; empty when it always could
     */
    public record Wire(String firstEnd, String endAtMicros, String rstBeforeData, long retransmissions, long probes,
            String order, String unavailable) {

        /** A case that did not run. */
        public static final Wire NOT_RUN = new Wire("", "", "", 0, 0, "", "not run");
    }

    /** Between two texts of {@code exception_messages}. */
    public static final String MESSAGE_SEPARATOR = " | ";

    /** How {@code matrix-*.csv} is read. */
    public static final RowFormat<MatrixRecord> FORMAT = RowFormat.of(MatrixColumn.class, MatrixRecord::read);

    @Override
    public void fill(CsvLog<MatrixColumn>.Row r) {
        r.set(CASE_ID, caseId).set(SCENARIO_ID, scenarioId).set(VARIANT, variant).set(SIDE, side)
                .set(PEER_RUNTIME, peerRuntime).set(FAULT, fault).set(PROBE, probe).set(PREPARATION, preparation)
                .set(OBSERVER, observer.map(Enum::name).orElse("")).set(PLACEMENT, placement.map(Enum::name).orElse(""))
                .set(REPETITIONS, repetitions).set(REPETITIONS_PLANNED, repetitionsPlanned).set(PARTIAL, partial)
                .set(NOTE_LINUX, noteLinux).set(NOTE_WINDOWS, noteWindows).set(NOTE_OUTCOME, noteOutcome)
                .set(NOTE_ACCOUNTING, noteAccounting).set(IN_NOTE, inNote).set(OUTCOME_COUNTS, outcomeCounts)
                .set(DOMINANT_OUTCOME, dominantOutcome.map(Enum::name).orElse("")).set(AGREEING, agreeing)
                .set(VERDICT, verdict).set(PEER_BYTES_SENT_TOTAL, peerBytesSentTotal)
                .set(BYTES_DELIVERED_TOTAL, bytesDeliveredTotal).set(REPS_WITH_LOSS, repsWithLoss)
                .set(WRITES_ACCEPTED, writesAccepted).set(NEXT_READ, nextRead).set(NEXT_WRITE, nextWrite)
                .set(MEDIAN_LATENCY_NS, medianLatencyNanos).set(ASLEEP_AT_FAULT, asleepAtFault)
                .set(EXCEPTION_MESSAGES, exceptionMessages).set(WHY, why).set(MEDIAN_FAULT_CALL_NS, medianFaultCallNanos)
                .set(OBSERVER_TCP_STATES, observerTcpStates).set(SIGPIPE, sigpipe).set(WIRE_FIRST_END, wire.firstEnd())
                .set(WIRE_END_AT_US, wire.endAtMicros()).set(WIRE_RST_BEFORE_DATA, wire.rstBeforeData())
                .set(WIRE_RETRANSMISSIONS, wire.retransmissions()).set(WIRE_PROBES, wire.probes())
                .set(WIRE_ORDER, wire.order()).set(WIRE_UNAVAILABLE, wire.unavailable());
        peerHost.fill(r, PEER_HOST, PEER_OS, PEER_JDK, MEDIAN_RTT_NS, MAX_T0_BOUND_NS);
    }

    /**
     * @param r a row of a {@code matrix-*.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static MatrixRecord read(CsvRow r) throws ResultsFileException {
        Verdict verdict = r.word(VERDICT, Verdict.class);
        boolean pending = verdict == Verdict.PENDING;
        return new MatrixRecord(r.text(CASE_ID), r.text(SCENARIO_ID), r.text(VARIANT), r.text(SIDE), r.text(PEER_RUNTIME),
                r.text(FAULT), r.text(PROBE), r.text(PREPARATION),
                pending ? Optional.empty() : Optional.of(r.word(OBSERVER, Observer.class)),
                pending ? Optional.empty() : Optional.of(r.word(PLACEMENT, Placement.class)),
                r.whole(REPETITIONS), r.whole(REPETITIONS_PLANNED), r.yesNo(PARTIAL), r.text(NOTE_LINUX),
                r.text(NOTE_WINDOWS), r.word(NOTE_OUTCOME, Outcome.class), r.text(NOTE_ACCOUNTING), r.yesNo(IN_NOTE),
                r.text(OUTCOME_COUNTS), r.wordOrNothing(DOMINANT_OUTCOME, Outcome.class), r.whole(AGREEING), verdict,
                r.whole(PEER_BYTES_SENT_TOTAL), r.whole(BYTES_DELIVERED_TOTAL), r.whole(REPS_WITH_LOSS),
                r.text(WRITES_ACCEPTED), r.text(NEXT_READ), r.text(NEXT_WRITE), r.whole(MEDIAN_LATENCY_NS),
                r.whole(ASLEEP_AT_FAULT), r.text(EXCEPTION_MESSAGES), r.text(WHY), r.wholeOr(MEDIAN_FAULT_CALL_NS, -1),
                r.textOr(OBSERVER_TCP_STATES, ""), r.textOr(SIGPIPE, ""), new Wire(r.textOr(WIRE_FIRST_END, ""),
                        r.textOr(WIRE_END_AT_US, ""), r.textOr(WIRE_RST_BEFORE_DATA, ""), r.wholeOr(WIRE_RETRANSMISSIONS, -1),
                        r.wholeOr(WIRE_PROBES, -1), r.textOr(WIRE_ORDER, ""), r.textOr(WIRE_UNAVAILABLE, "")),
                PeerHost.read(r, PEER_HOST, PEER_OS, PEER_JDK, MEDIAN_RTT_NS, MAX_T0_BOUND_NS));
    }

    /** @return whether the row's repetitions ran (neither pending nor skipped) */
    public boolean ran() {
        return verdict != Verdict.PENDING && verdict != Verdict.SKIPPED;
    }

    /** @return the observer's name, "-" for a pending case */
    public String observerName() {
        return observer.map(Enum::name).orElse("-");
    }

    /** @return the distinct exception texts, "Class: message" each; empty when none */
    public java.util.List<String> exceptionMessageList() {
        return exceptionMessages.isEmpty() ? java.util.List.of()
                : java.util.List.of(exceptionMessages.split(java.util.regex.Pattern.quote(MESSAGE_SEPARATOR)));
    }
}
