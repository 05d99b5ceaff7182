package io.closebench.matrix;

import io.closebench.analysis.report.MatrixView;
import io.closebench.placement.CpuPlan;
import io.closebench.placement.CpuSet;
import io.closebench.rig.FaultInstant;
import io.closebench.schema.DetectedBy;
import java.util.Optional;
import io.closebench.schema.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.rig.Observation;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Outcome;
import io.closebench.observe.Detection;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.SigPipe;
import io.closebench.transport.IoUringReadState;
import java.util.List;
import java.util.OptionalLong;
import io.closebench.wire.Party;
import io.closebench.wire.WireColumns;
import io.closebench.wire.WireEnd;
import org.junit.jupiter.api.Test;

/** The matrix's arithmetic, on observations written by hand. */
class MatrixRowTest {

    private final Scenario c3a = ScenarioCatalogue.byId("C3a").orElseThrow(); // note: RESET, some lost

    @Test
    void agreesOnlyWhenOutcomeAndAccountingBothMatchTheNote() {
        Observation lostSome = observation(c3a, Outcome.RESET, 1000, 400, 30);
        Observation lostNothing = observation(c3a, Outcome.RESET, 1000, 1000, 10);
        Observation eof = observation(c3a, Outcome.EOF, 1000, 400, 20);

        assertThat(MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(lostSome, lostSome)).verdict()).isEqualTo(Verdict.AGREES);
        assertThat(MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(lostSome, lostNothing)).verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(lostNothing, eof)).verdict()).isEqualTo(Verdict.DIFFERS);
    }

    @Test
    void summarisesTheWholeDistributionAndTakesAnObservedMedian() {
        MatrixRow row = MatrixRow.of(c3a, Observer.BLOCKING, Placement.SAME_CPU, List.of(
                observation(c3a, Outcome.RESET, 1000, 1000, 30),
                observation(c3a, Outcome.RESET, 1000, 1000, 10),
                observation(c3a, Outcome.TIMEOUT, 1000, 0, 5_000_000),
                observation(c3a, Outcome.RESET, 1000, 900, 20)));

        assertThat(row.outcomeSummary()).isEqualTo("RESET 3, TIMEOUT 1 /4");
        assertThat(row.dominantOutcome()).isEqualTo(Outcome.RESET);
        // 2900 of 4000 B arrived = 72.5%, shown rounded half-up; detections only (10, 20, 30): the timeout is counted above, not mixed into the latency
        assertThat(row.medianLatencyNanos()).isEqualTo(OptionalLong.of(20));
        assertThat(row.repetitionsWithLoss()).isEqualTo(2);
        assertThat(MatrixView.delivery(MatrixCsv.record(row))).isEqualTo("lost in 2/4 (73% arrived)");
    }

    @Test
    void explainsADivergenceOnlyWhenItWasObserved() {
        MatrixRow allDelivered = MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(observation(c3a, Outcome.RESET, 10, 10, 1)));
        MatrixRow asTheNoteSays = MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(observation(c3a, Outcome.RESET, 10, 5, 1)));

        assertThat(Findings.explain(allDelivered)).singleElement().asString().contains("Linux delivers data already");
        assertThat(Findings.explain(asTheNoteSays)).isEmpty();
    }

    @Test
    void aRepetitionThatLostNothingIsExplainedByTheWireOnlyWhenItsRstLeftNothingQueuedBehindIt() {
        Scenario s3b = ScenarioCatalogue.byId("S3b-bash").orElseThrow(); // note: RESET, some lost
        Observation lostSome = observation(s3b, Outcome.RESET, 1000, 400, 30);
        Observation lostNothing = observation(s3b, Outcome.RESET, 1000, 1000, 10);
        WireColumns rstWithDataQueued = rst(true);
        WireColumns rstWithNothingQueued = rst(false);

        MatrixRow seenOnTheWire = new MatrixRow(s3b, Observer.NIO, Placement.SAME_CPU, 2);
        seenOnTheWire.add(lostSome);
        seenOnTheWire.add(lostNothing);
        seenOnTheWire.addWire(lostSome, rstWithDataQueued);
        seenOnTheWire.addWire(lostNothing, rstWithNothingQueued);
        MatrixRow queuedBehindIt = new MatrixRow(s3b, Observer.NIO, Placement.SAME_CPU, 2);
        queuedBehindIt.add(lostSome);
        queuedBehindIt.add(lostNothing);
        queuedBehindIt.addWire(lostSome, rstWithDataQueued);
        queuedBehindIt.addWire(lostNothing, rstWithDataQueued);

        assertThat(seenOnTheWire.verdict()).isEqualTo(Verdict.PARTLY);
        assertThat(seenOnTheWire.lostNothingBehindAnEmptyQueue()).isEqualTo(1);
        assertThat(String.join(" ", Findings.explain(seenOnTheWire))).contains("byte accounting does not",
                "1 of 2 repetitions lost nothing, and in each the wire shows the peer's RST left with nothing");
        assertThat(queuedBehindIt.lostNothingBehindAnEmptyQueue()).isZero();
        assertThat(String.join(" ", Findings.explain(queuedBehindIt))).doesNotContain("lost nothing");
    }

    private static WireColumns rst(boolean beforeQueuedData) {
        return new WireColumns.Observed(WireEnd.RST, Optional.of(Party.PEER), Optional.empty(),
                Optional.of(beforeQueuedData), 0, 0, "peer RST");
    }

    @Test
    void aDivergenceNoRuleKnowsStillGetsALine() {
        MatrixRow odd = MatrixRow.of(c3a, Observer.NIO, Placement.SAME_CPU, List.of(observation(c3a, Outcome.BROKEN_PIPE, 10, 5, 1)));
        assertThat(Findings.explain(odd)).singleElement().asString().contains("Observed BROKEN_PIPE where the note says RESET");
    }

    @Test
    void countsSigpipeOnlyWhereTheObserverCouldTellAndSaysItInTheNotesTerms() {
        Scenario c1 = ScenarioCatalogue.byId("C1").orElseThrow();
        MatrixRow native_ = MatrixRow.of(c1, Observer.NATIVE, Placement.SAME_CPU, List.of(
                sent(c1, SigPipe.RAISED), sent(c1, SigPipe.RAISED), sent(c1, SigPipe.NONE)));
        MatrixRow java = MatrixRow.of(c1, Observer.NIO, Placement.SAME_CPU, List.of(observation(c1, Outcome.BROKEN_PIPE, 0, 0, 9)));

        assertThat(native_.sigpipe()).isEqualTo("raised 2, none 1 /3");
        assertThat(native_.sigpipeRaised()).isEqualTo(2);
        assertThat(MatrixView.inTheNotesTerms(MatrixCsv.record(native_))).isEqualTo(" (32 EPIPE, SIGPIPE raised 2, none 1 /3)");
        assertThat(java.sigpipe()).isEmpty();
        assertThat(MatrixView.inTheNotesTerms(MatrixCsv.record(java))).isEmpty();
        assertThat(Findings.explain(java)).anyMatch(line -> line.contains("never reaches Java"));
        assertThat(Findings.explain(native_)).noneMatch(line -> line.contains("never reaches Java"));
    }

    private static Observation sent(Scenario s, SigPipe sigpipe) {
        return new Observation(s, Observer.NATIVE, SAME_CPU_ONE, new Detection(Outcome.BROKEN_PIPE, DetectedBy.WRITE, "",
                "EPIPE", "32: Broken pipe", 9, sigpipe),
                new Observation.Delivery(0, 0, 1, 64, "EOF", "BROKEN_PIPE (EPIPE: 32: Broken pipe) with SIGPIPE", ""),
                new Observation.Clocking(new FaultInstant(0, io.closebench.schema.T0Source.OBSERVER,
                        io.closebench.schema.Asleep.NOT_APPLICABLE, -1, -5), false, -1, -1, ""), "");
    }

    /** Observer and peer on CPU 1. */
    private static final CpuPlan SAME_CPU_ONE = new CpuPlan(Placement.SAME_CPU, Optional.of(CpuSet.of(1)),
            Optional.of(CpuSet.of(1)), Optional.empty(), Optional.empty());

    @Test
    void ioUringTimeoutsAreExplainedAsTheLostResetOnlyWhenEachCarriesItsState() {
        Scenario s3b = ScenarioCatalogue.byId("S3b-bash").orElseThrow();
        Observation reset = ioUring(s3b, Outcome.RESET, "exceptionCaught", "BROKEN_PIPE (...)");
        Observation lost = ioUring(s3b, Outcome.TIMEOUT, IoUringReadState.LOST_RESET, "RESET (NativeIoException: ...)");
        Observation bare = ioUring(s3b, Outcome.TIMEOUT, "", "RESET (NativeIoException: ...)");
        Observation eof = ioUring(s3b, Outcome.EOF, "ChannelInputShutdownEvent", "ok 1 B");

        MatrixRow explained = MatrixRow.of(s3b, Observer.NETTY_IOURING, Placement.OS, List.of(reset, reset, lost));
        MatrixRow unexplained = MatrixRow.of(s3b, Observer.NETTY_IOURING, Placement.OS, List.of(reset, reset, reset, lost, bare, eof));

        assertThat(explained.ioUringLostResets()).isEqualTo(1);
        assertThat(Findings.explain(explained)).anySatisfy(line -> assertThat(line)
                        .startsWith("1 of 3 repetitions never learned of the RST").contains("docs/findings-iouring-rst.md"))
                .noneSatisfy(line -> assertThat(line).contains("ended otherwise"));
        // the lost RST is said, and so are the timeout without its state and the EOF beside it
        assertThat(unexplained.ioUringLostResets()).isEqualTo(1);
        assertThat(Findings.explain(unexplained))
                .anySatisfy(line -> assertThat(line).startsWith("1 of 6 repetitions never learned of the RST"))
                .anySatisfy(line -> assertThat(line).startsWith("2 of 6 repetitions ended otherwise (RESET 3, TIMEOUT 2, EOF 1"));
    }

    private static Observation ioUring(Scenario s, Outcome outcome, String event, String nextWrite) {
        return new Observation(s, Observer.NETTY_IOURING, new CpuPlan(Placement.OS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), new Detection(outcome, DetectedBy.READ, event, "", "", 5),
                new Observation.Delivery(1000, 900, 0, 0, "EOF", nextWrite, ""),
                new Observation.Clocking(new FaultInstant(0, io.closebench.schema.T0Source.CHILD_REALTIME,
                        io.closebench.schema.Asleep.NOT_APPLICABLE, -1, 0), false, -1, -1, ""), "");
    }

    static Observation observation(Scenario s, Outcome outcome, long sent, long delivered, long latency) {
        return new Observation(s, Observer.NIO, SAME_CPU_ONE,
                new Detection(outcome, DetectedBy.READ, "", "", "", latency),
                new Observation.Delivery(sent, delivered, 0, 0, "EOF", "ok 1 B", ""),
                new Observation.Clocking(FaultInstant.byHarness(0), false, -1, -1, ""), "");
    }
}
