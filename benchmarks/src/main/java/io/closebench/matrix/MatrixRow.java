package io.closebench.matrix;

import io.closebench.schema.Asleep;
import io.closebench.rig.Observation;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.SigPipe;
import io.closebench.schema.Verdict;
import io.closebench.fault.PeerPlace;
import io.closebench.scenario.Accounting;
import io.closebench.scenario.NoteExpectation;
import io.closebench.wire.WireColumns;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Every repetition of one scenario with one observer, added up as they stream in: counts, byte
 * sums, the latency distribution (an HdrHistogram at 3 significant digits), a few distinct texts.
 * Nothing is kept per repetition, so a row costs the same memory for 20 repetitions or a million;
 * every observation itself is in the observations CSV. Nothing is filtered: timeouts and harness
 * failures are counted in {@link #outcomes()} and make the row disagree with the note. A row of an
 * observer that cannot run here is {@link Verdict#SKIPPED} with the reason.
 *
 * <p>Not thread-safe: one harness thread adds to it.
 */
public final class MatrixRow {

    private static final int DISTINCT_TEXTS = 8;

    private final Scenario scenario;
    private final Observer observer;
    private final Placement placement;
    private final int planned;
    private final String skippedReason;
    /** Where the peer ran, and so which column of the note the row is judged against. */
    private final PeerPlace peer;
    private final NoteExpectation claim;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Long> nextReads = new LinkedHashMap<>();
    private final Map<String, Long> nextWrites = new LinkedHashMap<>();
    private final Set<String> failures = new LinkedHashSet<>();
    private final Set<String> messages = new LinkedHashSet<>();
    private final Histogram latency = new Histogram(3);
    private final Histogram faultCall = new Histogram(3);
    private final Map<String, Long> tcpStates = new LinkedHashMap<>();
    private final Map<SigPipe, Long> sigpipes = new EnumMap<>(SigPipe.class);
    private final WireTally wire = new WireTally();
    private long lostNothingBehindAnEmptyQueue;
    /** The round trips to the peer's host, where it is another (ns). */
    private final Histogram roundTrips = new Histogram(3);
    private long maxT0Bound = -1;
    private long n;
    private long agreeing;
    private long peerBytesSent;
    private long bytesDelivered;
    private long withLoss;
    private long asleep;
    private long lostResets;
    private int writesMin = Integer.MAX_VALUE;
    private int writesMax = Integer.MIN_VALUE;

    /** A row that will hold {@code planned} repetitions, its peer on this host. */
    public MatrixRow(Scenario scenario, Observer observer, Placement placement, int planned) {
        this(scenario, observer, placement, planned, "", PeerPlace.here());
    }

    /** A row that will hold {@code planned} repetitions, its peer on {@code peer}: judged by the note's column for its OS. */
    public MatrixRow(Scenario scenario, Observer observer, Placement placement, int planned,
                     PeerPlace peer) {
        this(scenario, observer, placement, planned, "", peer);
    }

    private MatrixRow(Scenario scenario, Observer observer, Placement placement, int planned, String skippedReason,
                      PeerPlace peer) {
        this.scenario = scenario;
        this.observer = observer;
        this.placement = placement;
        this.planned = planned;
        this.skippedReason = skippedReason;
        this.peer = peer;
        this.claim = scenario.noteFor(peer);
    }

    /** The row of an observer that cannot run here. */
    public static MatrixRow skipped(Scenario scenario, Observer observer, Placement placement, String why) {
        return skipped(scenario, observer, placement, why, PeerPlace.here());
    }

    /** The row of an observer that cannot run here, or of a case the peer's host cannot play, its peer on {@code peer}. */
    public static MatrixRow skipped(Scenario scenario, Observer observer, Placement placement, String why,
                                    PeerPlace peer) {
        return new MatrixRow(scenario, observer, placement, 0, why, peer);
    }

    /** A row made of the given repetitions, all at once. */
    public static MatrixRow of(Scenario scenario, Observer observer, Placement placement, List<Observation> observations) {
        MatrixRow row = new MatrixRow(scenario, observer, placement, observations.size());
        observations.forEach(row::add);
        return row;
    }

    public void add(Observation o) {
        n++;
        outcomes.merge(o.outcome(), 1L, Long::sum);
        if (Conformance.agrees(o, claim)) {
            agreeing++;
        }
        peerBytesSent += Math.max(0, o.delivery().peerBytesSent());
        bytesDelivered += Math.max(0, o.delivery().bytesDelivered());
        if (o.delivery().bytesLost() > 0) {
            withLoss++;
        }
        if (o.clocking().fault().asleep() == Asleep.YES) {
            asleep++;
        }
        if (o.isIoUringLostReset()) {
            lostResets++;
        }
        writesMin = Math.min(writesMin, o.delivery().writesAccepted());
        writesMax = Math.max(writesMax, o.delivery().writesAccepted());
        nextReads.merge(firstWord(o.delivery().nextRead()), 1L, Long::sum);
        nextWrites.merge(firstWord(o.delivery().nextWrite()), 1L, Long::sum);
        if (!o.failure().isEmpty() && failures.size() < DISTINCT_TEXTS) {
            failures.add(o.failure());
        }
        String message = o.detection().exceptionMessage();
        if (!message.isEmpty() && messages.size() < DISTINCT_TEXTS) {
            messages.add(o.detection().exceptionClass() + ": " + message);
        }
        if (o.outcome().isDetection() && o.latencyNanos() >= 0) {
            latency.recordValue(o.latencyNanos());
        }
        if (o.clocking().faultCallNanos() >= 0) {
            faultCall.recordValue(o.clocking().faultCallNanos());
        }
        if (!o.clocking().observerTcpStates().isEmpty()) {
            tcpStates.merge(o.clocking().observerTcpStates(), 1L, Long::sum);
        }
        if (o.detection().sigpipe() != SigPipe.UNKNOWN) {
            sigpipes.merge(o.detection().sigpipe(), 1L, Long::sum);
        }
        if (o.clocking().peerRttNanos() >= 0) {
            roundTrips.recordValue(o.clocking().peerRttNanos());
        }
        if (o.clocking().fault().known()) {
            maxT0Bound = Math.max(maxT0Bound, o.clocking().fault().boundNanos());
        }
    }

    /** The median round trip to the peer's host over the repetitions; -1 where the peer was on this host. */
    public long medianRttNanos() {
        return roundTrips.getTotalCount() == 0 ? -1 : roundTrips.getValueAtPercentile(50);
    }

    /** The largest bound of a repetition's t0 (0 on this host's clock); -1 when no repetition had a t0. */
    public long maxT0BoundNanos() {
        return maxT0Bound;
    }

    /**
     * What the wire showed of one of this row's repetitions ({@code o}, already {@link #add added}):
     * tallied, and where the note expects loss and the repetition lost nothing, whether its RST left
     * with nothing queued behind it, which is why nothing could be lost.
     */
    public void addWire(Observation o, WireColumns columns) {
        wire.add(columns);
        if (claim.accounting() == Accounting.SOME_LOST && o.outcome() == claim.outcome()
                && !Conformance.accountingHolds(o, claim.accounting())
                && columns instanceof WireColumns.Observed seen && seen.rstBeforeData().equals(Optional.of(false))) {
            lostNothingBehindAnEmptyQueue++;
        }
    }

    /**
     * Repetitions with the note's outcome that lost nothing where it expects loss, whose RST the wire
     * shows left with nothing of its sender's queued behind it.
     */
    public long lostNothingBehindAnEmptyQueue() {
        return lostNothingBehindAnEmptyQueue;
    }

    /** This row's repetitions as the wire showed them. */
    WireTally wire() {
        return wire;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** What the note claims for this row: its Linux column, or the column of the peer's OS ({@link Scenario#noteFor}). */
    public NoteExpectation claim() {
        return claim;
    }

    /** Where the peer ran. */
    public PeerPlace peer() {
        return peer;
    }

    public Observer observer() {
        return observer;
    }

    public Placement placement() {
        return placement;
    }

    public long n() {
        return n;
    }

    public int planned() {
        return planned;
    }

    /** @return whether fewer repetitions were added than planned: the run was stopped */
    public boolean isPartial() {
        return !isSkipped() && n < planned;
    }

    public boolean isSkipped() {
        return !skippedReason.isEmpty();
    }

    public String skippedReason() {
        return skippedReason;
    }

    /** Count per outcome, in the enum's order, zero counts left out. */
    public Map<Outcome, Long> outcomes() {
        return new EnumMap<>(outcomes);
    }

    /** "EOF 30/30", or "RESET 28, EOF 2 /30"; "skipped" for a skipped row. */
    public String outcomeSummary() {
        if (isSkipped()) {
            return "skipped";
        }
        if (outcomes.size() == 1) {
            Map.Entry<Outcome, Long> only = outcomes.entrySet().iterator().next();
            return only.getKey() + " " + only.getValue() + "/" + n;
        }
        return outcomes.entrySet().stream().sorted(Map.Entry.<Outcome, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + " /" + n;
    }

    public long agreeing() {
        return agreeing;
    }

    public Verdict verdict() {
        if (isSkipped()) {
            return Verdict.SKIPPED;
        }
        return agreeing == n && n > 0 ? Verdict.AGREES : agreeing == 0 ? Verdict.DIFFERS : Verdict.PARTLY;
    }

    /** The outcome most repetitions had. */
    public Outcome dominantOutcome() {
        return outcomes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Outcome.HARNESS_FAILURE);
    }

    public long peerBytesSent() {
        return peerBytesSent;
    }

    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** Repetitions in which some of what the peer sent never arrived. */
    public long repetitionsWithLoss() {
        return withLoss;
    }

    /** Repetitions in which the observer was seen asleep right before the fault. */
    public long asleepAtFault() {
        return asleep;
    }

    /** Repetitions that were Netty io_uring's lost RST ({@link Observation#isIoUringLostReset()}). */
    public long ioUringLostResets() {
        return lostResets;
    }

    /** "1" when every repetition had the same count, else "min-max". */
    public String writesAccepted() {
        if (n == 0) {
            return "-";
        }
        return writesMin == writesMax ? String.valueOf(writesMin) : writesMin + "-" + writesMax;
    }

    /** The most frequent answer of the next read, reduced to its outcome class ("EOF", "RESET", "ok"). */
    public String nextRead() {
        return mostFrequent(nextReads);
    }

    public String nextWrite() {
        return mostFrequent(nextWrites);
    }

    /**
     * Median t1 - t0 over the repetitions that detected something and know their t0: the lower
     * median, an observed value to 3 significant digits.
     */
    public OptionalLong medianLatencyNanos() {
        return latency.getTotalCount() == 0 ? OptionalLong.empty() : OptionalLong.of(latency.getValueAtPercentile(50));
    }

    /**
     * Median time the fault call took to return (the peer's {@code close()}: it blocks with
     * {@code SO_LINGER} above 0), over the repetitions where the harness made it.
     */
    public OptionalLong medianFaultCallNanos() {
        return faultCall.getTotalCount() == 0 ? OptionalLong.empty() : OptionalLong.of(faultCall.getValueAtPercentile(50));
    }

    /**
     * The kernel's TCP state of the observer's socket most repetitions recorded, "CLOSE_WAIT -> CLOSE"
     * (before its first call, where it acts after the fault; at the end); "" where none was recorded.
     */
    public String tcpStates() {
        return tcpStates.isEmpty() ? "" : mostFrequent(tcpStates);
    }

    /**
     * In how many repetitions the decisive call raised SIGPIPE, and in how many it was a send that
     * raised none: "raised 20/20", "none 20/20", "raised 19, none 1 /20"; "" where no repetition could
     * tell (a read decided, or a Java model, which never sees the signal).
     */
    public String sigpipe() {
        if (sigpipes.isEmpty()) {
            return "";
        }
        return sigpipes.entrySet().stream().map(e -> e.getKey().word() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + (sigpipes.size() == 1 ? "/" : " /") + n;
    }

    /** Repetitions whose decisive call raised SIGPIPE. */
    public long sigpipeRaised() {
        return sigpipes.getOrDefault(SigPipe.RAISED, 0L);
    }

    /** Failure texts of the harness, distinct (the first few), for the footnotes. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The exceptions' texts, distinct (the first few): "SocketException: Connection reset". */
    public List<String> exceptionMessages() {
        return List.copyOf(messages);
    }

    private static String mostFrequent(Map<String, Long> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
    }

    private static String firstWord(String s) {
        return s.isEmpty() ? "-" : Arrays.stream(s.split(" ")).findFirst().orElse(s);
    }
}
