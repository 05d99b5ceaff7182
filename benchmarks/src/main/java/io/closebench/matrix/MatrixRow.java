package io.closebench.matrix;

import io.closebench.schema.Verdict;
import io.closebench.run.Observation;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Outcome;
import io.closebench.transport.SocketApi;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every repetition of one scenario with one observer API, and what they add up to. Nothing is
 * filtered: timeouts and harness failures are counted in {@link #outcomes()} and make the row
 * disagree with the note.
 */
public record MatrixRow(Scenario scenario, SocketApi api, List<Observation> observations) {

    public MatrixRow {
        observations = List.copyOf(observations);
    }

    public int n() {
        return observations.size();
    }

    /** Count per outcome, in the enum's order, zero counts left out. */
    public Map<Outcome, Long> outcomes() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        observations.forEach(o -> counts.merge(o.outcome(), 1L, Long::sum));
        return counts;
    }

    /** "EOF 30/30", or "RESET 28, EOF 2 /30". */
    public String outcomeSummary() {
        Map<Outcome, Long> counts = outcomes();
        if (counts.size() == 1) {
            Map.Entry<Outcome, Long> only = counts.entrySet().iterator().next();
            return only.getKey() + " " + only.getValue() + "/" + n();
        }
        return counts.entrySet().stream().sorted(Map.Entry.<Outcome, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + " /" + n();
    }

    public long agreeing() {
        return observations.stream().filter(o -> Conformance.agrees(o, scenario.note())).count();
    }

    public Verdict verdict() {
        long agreeing = agreeing();
        return agreeing == n() ? Verdict.AGREES : agreeing == 0 ? Verdict.DIFFERS : Verdict.PARTLY;
    }

    /** The outcome most repetitions had. */
    public Outcome dominantOutcome() {
        return outcomes().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Outcome.HARNESS_FAILURE);
    }

    public long peerBytesSent() {
        return observations.stream().mapToLong(o -> Math.max(0, o.peerBytesSent())).sum();
    }

    public long bytesDelivered() {
        return observations.stream().mapToLong(o -> Math.max(0, o.bytesDelivered())).sum();
    }

    /** Repetitions in which some of what the peer sent never arrived. */
    public long repetitionsWithLoss() {
        return observations.stream().filter(o -> o.bytesLost() > 0).count();
    }

    /** "1" when every repetition had the same count, else "min-max". */
    public String writesAccepted() {
        int min = observations.stream().mapToInt(Observation::writesAccepted).min().orElse(0);
        int max = observations.stream().mapToInt(Observation::writesAccepted).max().orElse(0);
        return min == max ? String.valueOf(min) : min + "-" + max;
    }

    /** The most frequent answer of the next read, reduced to its outcome class ("EOF", "RESET", "ok"). */
    public String nextRead() {
        return mostFrequent(o -> firstWord(o.nextRead()));
    }

    public String nextWrite() {
        return mostFrequent(o -> firstWord(o.nextWrite()));
    }

    /** Median t1 - t0 over the repetitions that detected something and know their t0. */
    public OptionalLong medianLatencyNanos() {
        long[] l = observations.stream().filter(o -> o.outcome().isDetection() && o.latencyNanos() >= 0)
                .mapToLong(Observation::latencyNanos).sorted().toArray();
        if (l.length == 0) {
            return OptionalLong.empty();
        }
        // lower median: an observed value, never an average of two
        return OptionalLong.of(l[(l.length - 1) / 2]);
    }

    /** Failure texts of the harness, distinct, for the footnotes. */
    public List<String> failures() {
        return observations.stream().map(Observation::failure).filter(f -> !f.isEmpty()).distinct().toList();
    }

    private String mostFrequent(Function<Observation, String> key) {
        return observations.stream().collect(Collectors.groupingBy(key, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    private static String firstWord(String s) {
        return s.isEmpty() ? "-" : Arrays.stream(s.split(" ")).findFirst().orElse(s);
    }
}
