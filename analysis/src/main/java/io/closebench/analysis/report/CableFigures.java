package io.closebench.analysis.report;

import io.closebench.analysis.stats.EmpiricalQuantile;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.row.CableRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * S1's figures for one fault, detection mechanism and its settings, observer and placement, over its connections: the
 * outcomes, the detection time t1 - t0, and how the measured time compares with what the mechanism's
 * own rule predicts. The one grouping of pulled-cable connections: the console's S1 table, the
 * progress lines, the report's S1 section and {@code compare} all take their figures from here. The
 * comparison is made per connection from the theory's reference instant (the last segment from the
 * peer, the first unacknowledged send, the last read, the plug, ...): measured {@code t1 - reference}
 * over theoretical {@code theory_ns}, a ratio near 1 meaning the rule explains the time. Connections
 * that reached the trial's bound detected nothing and enter no ratio; they are counted apart.
 * Connections the harness could not run (HARNESS_FAILURE) are counted, and enter no time. Medians are
 * R-1 (the lower middle value), maxima the largest connection's.
 *
 * @param fault a, b, c, c', d, e, f, g or g'
 * @param faultDescription the fault in words
 * @param mechanism e.g. "keepalive"
 * @param settings its settings in words
 * @param observer the server's I/O model
 * @param placement where the server's threads ran; empty where the cable CSV does not say
 * @param rows the group's connections, in file order
 */
public record CableFigures(String fault, String faultDescription, String mechanism, String settings, Observer observer,
        Optional<Placement> placement, List<CableRecord> rows) {

    /** Keeps an unmodifiable copy; a group has a connection at least. */
    public CableFigures {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a group of no connection");
        }
    }

    /**
     * @param rows a cable CSV's rows
     * @return one group per fault, mechanism (with its settings: one mechanism may run with two, a user
     *     timeout of 3 s and of 10 s), observer and placement, in order of first appearance
     */
    public static List<CableFigures> of(List<CableRecord> rows) {
        Map<List<Object>, List<CableRecord>> byGroup = new LinkedHashMap<>();
        for (CableRecord r : rows) {
            byGroup.computeIfAbsent(List.of(r.fault(), r.mechanism(), r.settings(), r.observer(), r.placement()),
                    k -> new ArrayList<>()).add(r);
        }
        List<CableFigures> groups = new ArrayList<>();
        for (List<CableRecord> g : byGroup.values()) {
            CableRecord first = g.get(0);
            groups.add(new CableFigures(first.fault(), first.faultDescription(), first.mechanism(), first.settings(),
                    first.observer(), first.placement(), g));
        }
        return groups;
    }

    /**
     * @param rows a cable CSV's rows
     * @return the groups of each fault together, faults in the order they first appear (trials of one
     *     fault may be apart)
     */
    public static Map<String, List<CableFigures>> byFault(List<CableRecord> rows) {
        Map<String, List<CableFigures>> byFault = new LinkedHashMap<>();
        of(rows).forEach(g -> byFault.computeIfAbsent(g.fault(), f -> new ArrayList<>()).add(g));
        return byFault;
    }

    /** @return "fault / mechanism / observer / placement", the group in words */
    public String id() {
        return fault + " / " + mechanism + " / " + observer + placement.map(p -> " / " + p).orElse("");
    }

    /** @return "fault / mechanism (settings) / observer / placement": where a mechanism ran with two settings */
    public String idWithSettings() {
        return fault + " / " + mechanism + " (" + settings + ") / " + observer + placement.map(p -> " / " + p).orElse("");
    }

    /** @return the outcomes over the connections, in the outcomes' order */
    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        rows.forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        return counts;
    }

    /** @return "CONNECTION_TIMED_OUT 18, NO_ROUTE_TO_HOST 2", most frequent first */
    public String outcomeSummary() {
        OutcomeCounts counts = new OutcomeCounts();
        outcomes().forEach((o, n) -> counts.add(o.name(), n));
        return counts.describe();
    }

    /** @return the most frequent outcome */
    public Outcome dominantOutcome() {
        return outcomes().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Outcome.HARNESS_FAILURE);
    }

    /** @return how the dominant outcome was reached (READ, HEARTBEAT, BOUND, ...), the most frequent */
    public DetectedBy dominantDetectedBy() {
        Outcome dominant = dominantOutcome();
        return rows.stream().filter(r -> r.outcome() == dominant)
                .collect(Collectors.groupingBy(CableRecord::detectedBy, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(DetectedBy.NOTHING);
    }

    /** @return connections that detected nothing by the trial's bound */
    public long reachedBound() {
        return rows.stream().filter(CableRecord::reachedBound).count();
    }

    /** @return connections the harness could not run as designed */
    public long failures() {
        return rows.stream().filter(r -> !r.failure().isEmpty()).count();
    }

    /** @return the first reason the harness gives for a connection it could not run, or "" */
    public String firstFailure() {
        return rows.stream().map(CableRecord::failure).filter(f -> !f.isEmpty()).findFirst().orElse("");
    }

    /** @return median t1 - t0 over every connection that ran (one that waited until the bound with its wait) */
    public OptionalLong medianDetection() {
        return median(CableRecord::detectionNanos);
    }

    /** @return largest t1 - t0 */
    public OptionalLong maxDetection() {
        return ran().mapToLong(CableRecord::detectionNanos).filter(v -> v >= 0).max();
    }

    /** @return median time from the plug to the outcome, for the faults that plug the cable back */
    public OptionalLong medianSincePlug() {
        return median(CableRecord::sincePlugNanos);
    }

    /** @return the trial's bound: the longest any connection was given */
    public long boundNanos() {
        return ran().mapToLong(CableRecord::boundNanos).max().orElse(-1);
    }

    /** @return the rule's kind, when every connection's is the same; empty when they differ */
    public Optional<TheoryKind> theoryKind() {
        List<TheoryKind> kinds = rows.stream().map(CableRecord::theoryKind).distinct().toList();
        return kinds.size() == 1 ? Optional.of(kinds.get(0)) : Optional.empty();
    }

    /** @return the reference instant of the first connection with a finite rule (else the first's) */
    public String theoryReference() {
        return firstWithRule().theoryReference();
    }

    /** @return the rule in words, of the first connection with a finite rule (numbers may vary per trial) */
    public String theoryText() {
        return firstWithRule().theory();
    }

    private CableRecord firstWithRule() {
        return rows.stream().filter(CableRecord::hasFiniteTheory).findFirst().orElse(rows.get(0));
    }

    /** @return median predicted time after the reference over connections with a finite theory */
    public OptionalLong medianTheory() {
        long[] v = rows.stream().filter(CableRecord::hasFiniteTheory).mapToLong(CableRecord::theoryNanos).toArray();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(EmpiricalQuantile.of(v, 0.5));
    }

    /** @return measured t1 - reference of connections that detected something, with a finite theory */
    public long[] sinceReferenceNanos() {
        return rows.stream().filter(r -> r.hasFiniteTheory() && !r.reachedBound() && r.sinceReferenceNanos() >= 0)
                .mapToLong(CableRecord::sinceReferenceNanos).toArray();
    }

    /** @return median of {@link #sinceReferenceNanos()} */
    public OptionalLong medianSinceReference() {
        long[] v = sinceReferenceNanos();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(EmpiricalQuantile.of(v, 0.5));
    }

    /** @return largest of {@link #sinceReferenceNanos()} */
    public OptionalLong maxSinceReference() {
        return Arrays.stream(sinceReferenceNanos()).max();
    }

    /** @return measured over theoretical, per connection that has both */
    public double[] ratios() {
        return rows.stream().mapToDouble(CableRecord::ratio).filter(Double::isFinite).toArray();
    }

    /** @return median of {@link #ratios()} */
    public OptionalDouble medianRatio() {
        double[] r = ratios();
        return r.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(EmpiricalQuantile.of(r, 0.5));
    }

    /** @return largest of {@link #ratios()} */
    public OptionalDouble maxRatio() {
        return Arrays.stream(ratios()).max();
    }

    /** @return how many connections ended in each kernel state at the trial's end: "ESTAB 20/20" */
    public String endStates() {
        return ran().collect(Collectors.groupingBy(CableRecord::tcpStateAtEnd, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + rows.size())
                .collect(Collectors.joining(", "));
    }

    /** @return the most frequent answer of the write right after the outcome */
    public String typicalNextWrite() {
        return ran().collect(Collectors.groupingBy(CableRecord::nextWrite, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    /** @return the verbatim message of the dominant outcome's first connection ("Connection timed out") */
    public String typicalMessage() {
        Outcome dominant = dominantOutcome();
        return rows.stream().filter(r -> r.outcome() == dominant).map(CableRecord::exceptionMessage)
                .filter(m -> !m.isEmpty()).findFirst().orElse("");
    }

    private Stream<CableRecord> ran() {
        return rows.stream().filter(r -> r.outcome() != Outcome.HARNESS_FAILURE);
    }

    private OptionalLong median(ToLongFunction<CableRecord> f) {
        long[] v = ran().mapToLong(f).filter(x -> x >= 0).toArray();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(EmpiricalQuantile.of(v, 0.5));
    }
}
