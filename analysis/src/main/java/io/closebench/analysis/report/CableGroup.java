package io.closebench.analysis.report;

import io.closebench.analysis.results.CableRecord;
import io.closebench.analysis.stats.EmpiricalQuantile;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * S1's figures for one fault, detection mechanism and observer, over its connections: the outcomes,
 * the detection time t1 - t0, and how the measured time compares with what the mechanism's own rule
 * predicts. The comparison is made per connection from the theory's reference instant (the last
 * segment from the peer, the first unacknowledged send, the last read, or the plug): measured
 * {@code t1 - reference} over theoretical {@code theory_ns}, a ratio near 1 meaning the rule explains
 * the time. Connections that reached the trial's bound detected nothing and enter no ratio; they are
 * counted apart. Medians are R-1 (the lower middle value), maxima the largest connection's.
 *
 * @param fault a, b, c, c', d or e
 * @param faultDescription the fault in words
 * @param mechanism e.g. "keepalive"
 * @param settings its settings in words
 * @param observer the server's I/O model
 * @param placement where the server's threads ran; empty where the cable CSV does not say
 * @param rows the group's connections, in file order
 */
record CableGroup(String fault, String faultDescription, String mechanism, String settings, Observer observer,
        Optional<Placement> placement, List<CableRecord> rows) {

    /**
     * @param rows a cable CSV's rows
     * @return one group per fault, mechanism and observer, in order of first appearance
     */
    static List<CableGroup> of(List<CableRecord> rows) {
        Map<String, List<CableRecord>> byGroup = new LinkedHashMap<>();
        for (CableRecord r : rows) {
            byGroup.computeIfAbsent(r.fault() + "\u0000" + r.mechanism() + "\u0000" + r.observer() + "\u0000"
                    + r.placement(), k -> new ArrayList<>()).add(r);
        }
        List<CableGroup> groups = new ArrayList<>();
        for (List<CableRecord> g : byGroup.values()) {
            CableRecord first = g.get(0);
            groups.add(new CableGroup(first.fault(), first.faultDescription(), first.mechanism(), first.settings(),
                    first.observer(), first.placement(), List.copyOf(g)));
        }
        return groups;
    }

    /** @return "fault / mechanism / observer / placement", the group's identity across runs */
    String id() {
        return fault + " / " + mechanism + " / " + observer + placement.map(p -> " / " + p).orElse("");
    }

    /** @return the outcomes over the connections */
    OutcomeCounts outcomes() {
        OutcomeCounts counts = new OutcomeCounts();
        rows.forEach(r -> counts.add(r.outcome().name(), 1));
        return counts;
    }

    /** @return connections that detected nothing by the trial's bound */
    long reachedBound() {
        return rows.stream().filter(CableRecord::reachedBound).count();
    }

    /** @return connections the harness could not run as designed */
    long failures() {
        return rows.stream().filter(r -> !r.failure().isEmpty()).count();
    }

    /** @return t1 - t0 of every connection, including those that waited until the bound */
    long[] detectionNanos() {
        return rows.stream().mapToLong(CableRecord::detectionNanos).filter(v -> v >= 0).toArray();
    }

    /** @return median t1 - t0 over every connection */
    OptionalLong medianDetection() {
        long[] v = detectionNanos();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(EmpiricalQuantile.of(v, 0.5));
    }

    /** @return largest t1 - t0 */
    OptionalLong maxDetection() {
        long[] v = detectionNanos();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(java.util.Arrays.stream(v).max().getAsLong());
    }

    /** @return "FINITE", "NEVER", "NOT_PREDICTED", or "MIXED" when the connections' kinds differ */
    String theoryKind() {
        List<String> kinds = rows.stream().map(CableRecord::theoryKind).distinct().toList();
        return kinds.size() == 1 ? kinds.get(0) : "MIXED";
    }

    /** @return the theory's reference instant, e.g. "LAST_PEER_SEGMENT" */
    String theoryReference() {
        return rows.get(0).theoryReference();
    }

    /** @return the theory in words, from the first connection (numbers may vary per trial) */
    String theoryText() {
        return rows.get(0).theory();
    }

    /** @return median predicted time after the reference over connections with a finite theory */
    OptionalLong medianTheory() {
        long[] v = rows.stream().filter(CableRecord::hasFiniteTheory).mapToLong(CableRecord::theoryNanos).toArray();
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(EmpiricalQuantile.of(v, 0.5));
    }

    /** @return measured t1 - reference of connections that detected something, with a finite theory */
    long[] sinceReferenceNanos() {
        return rows.stream().filter(r -> r.hasFiniteTheory() && !r.reachedBound() && r.sinceReferenceNanos() >= 0)
                .mapToLong(CableRecord::sinceReferenceNanos).toArray();
    }

    /** @return measured over theoretical, per connection that has both */
    double[] ratios() {
        return rows.stream().mapToDouble(CableRecord::ratio).filter(Double::isFinite).toArray();
    }

    /** @return median of {@link #ratios()} */
    OptionalDouble medianRatio() {
        double[] r = ratios();
        return r.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(EmpiricalQuantile.of(r, 0.5));
    }

    /** @return largest of {@link #ratios()} */
    OptionalDouble maxRatio() {
        return java.util.Arrays.stream(ratios()).max();
    }
}
