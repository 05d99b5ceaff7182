package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.Mechanism;
import io.closebench.cable.Theory;

import io.closebench.schema.DetectedBy;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One line of the cable table: every sample of one fault, mechanism (with its settings) and
 * observer, summarised without dropping any: the outcome distribution counts them all.
 *
 * @param fault     what happened to the client
 * @param mechanism how the server watched
 * @param observer  through which API
 * @param samples   every connection's sample
 */
public record CableRow(CableFault fault, Mechanism mechanism, Observer observer, List<CableSample> samples) {

    public CableRow {
        samples = List.copyOf(samples);
    }

    /** Groups samples into rows, in the order they first appear. */
    public static List<CableRow> of(List<CableSample> samples) {
        Map<List<Object>, List<CableSample>> byKey = samples.stream().collect(Collectors.groupingBy(
                s -> List.of(s.fault(), s.mechanism(), s.observer()), java.util.LinkedHashMap::new, Collectors.toList()));
        return byKey.values().stream().map(l -> new CableRow(l.get(0).fault(), l.get(0).mechanism(), l.get(0).observer(), l))
                .toList();
    }

    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        samples.forEach(s -> counts.merge(s.outcome(), 1L, Long::sum));
        return counts;
    }

    public Outcome dominantOutcome() {
        return outcomes().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Outcome.HARNESS_FAILURE);
    }

    /** "CONNECTION_TIMED_OUT 20/20", "RESET 18/20, EOF 2/20". */
    public String outcomeSummary() {
        return outcomes().entrySet().stream().sorted(Map.Entry.<Outcome, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue() + "/" + samples.size()).collect(Collectors.joining(", "));
    }

    /** How the dominant outcome was reached (READ, HEARTBEAT, BOUND, ...), the most frequent. */
    public DetectedBy dominantDetectedBy() {
        return samples.stream().filter(s -> s.outcome() == dominantOutcome())
                .collect(Collectors.groupingBy(CableSample::detectedBy, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(DetectedBy.NOTHING);
    }

    /** Median t1 - t0 over the samples the harness ran (a TIMEOUT counts with how long it waited). */
    public OptionalLong medianDetectionNanos() {
        return median(CableSample::detectionNanos);
    }

    /** Median time from the theory's reference instant to the outcome. */
    public OptionalLong medianSinceReferenceNanos() {
        return median(CableSample::sinceReferenceNanos);
    }

    public OptionalLong maxDetectionNanos() {
        return ran().mapToLong(CableSample::detectionNanos).max();
    }

    /** Median time from the plug to the outcome, for the faults that plug the cable back. */
    public OptionalLong medianSincePlugNanos() {
        return fault.plugsBack() ? median(CableSample::sincePlugNanos) : OptionalLong.empty();
    }

    /** Median measured / theoretical over the samples where both are finite. */
    public OptionalDouble medianRatio() {
        double[] r = samples.stream().mapToDouble(CableSample::ratio).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return r.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(r[(r.length - 1) / 2]);
    }

    /**
     * The prediction as one value: the median of the per-connection bounds (they differ only where
     * the plug falls in each connection's schedule), with the first sample's reference and reason.
     */
    public Theory theory() {
        List<Theory> all = ran().map(CableSample::theory).toList();
        if (all.isEmpty()) {
            return samples.get(0).theory();
        }
        long[] finite = all.stream().filter(Theory::isFinite).mapToLong(Theory::boundNanos).sorted().toArray();
        Theory first = all.stream().filter(Theory::isFinite).findFirst().orElse(all.get(0));
        return finite.length == 0 ? first
                : new Theory(first.reference(), finite[(finite.length - 1) / 2], first.why(), first.atTheLatest());
    }

    /** The trial's bound (the longest any sample waited for). */
    public long boundNanos() {
        return ran().mapToLong(CableSample::boundNanos).max().orElse(-1);
    }

    /** How many samples reached each kernel state at the trial's end: "ESTAB 20/20". */
    public String endStates() {
        return ran().collect(Collectors.groupingBy(CableSample::tcpStateAtEnd, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/" + samples.size())
                .collect(Collectors.joining(", "));
    }

    /** The most frequent answer of the write right after the outcome. */
    public String typicalNextWrite() {
        return ran().collect(Collectors.groupingBy(CableSample::nextWrite, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    /** Verbatim message of the dominant outcome's first sample ("Connection timed out"). */
    public String typicalMessage() {
        return samples.stream().filter(s -> s.outcome() == dominantOutcome()).map(CableSample::exceptionMessage)
                .filter(m -> !m.isEmpty()).findFirst().orElse("");
    }

    public String firstFailure() {
        return samples.stream().map(CableSample::failure).filter(f -> !f.isEmpty()).findFirst().orElse("");
    }

    private java.util.stream.Stream<CableSample> ran() {
        return samples.stream().filter(s -> s.outcome() != Outcome.HARNESS_FAILURE);
    }

    private OptionalLong median(ToLongFunction<CableSample> f) {
        long[] v = ran().mapToLong(f).filter(x -> x >= 0).toArray();
        if (v.length == 0) {
            return OptionalLong.empty();
        }
        Arrays.sort(v);
        return OptionalLong.of(v[(v.length - 1) / 2]);
    }
}
