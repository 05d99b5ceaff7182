package io.closebench.floor;

import io.closebench.schema.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the native program measured for one {@link FloorCase}, or why it did not.
 *
 * @param outcomeCounts  every measured repetition in exactly one outcome (all outcomes present, zeros included)
 * @param outcomeDetails what the repetitions that were neither EOF nor RESET met, e.g.
 *                       {@code "OTHER_ERROR x3: read: Broken pipe"}
 * @param asleepAtFault  repetitions in which the observer was seen asleep in the kernel at the fault
 *                       (and, with an idle time, still asleep after it)
 * @param observerCpu    the CPU the observer was pinned to, or {@code "any"}; empty when not run
 * @param kernel         the program's kernel line (uname); empty when it did not run
 * @param skippedReason  empty when measured; otherwise starts with {@code "skipped: "} (the case cannot
 *                       run here, e.g. no compiler) or {@code "failed: "} (it was tried and went wrong)
 */
public record NativeFloorFigure(FloorCase floorCase, int warmupRepetitions, int repetitions,
                                Map<Outcome, Integer> outcomeCounts, List<String> outcomeDetails, int asleepAtFault,
                                FloorLatency latency, String observerCpu, String peerCpu, String kernel,
                                String skippedReason) {

    public NativeFloorFigure {
        outcomeCounts = Map.copyOf(outcomeCounts);
        outcomeDetails = List.copyOf(outcomeDetails);
    }

    /** A case that did not run, with the reason (and the kernel line when the program printed one). */
    static NativeFloorFigure notMeasured(FloorCase c, int warmupRepetitions, int repetitions, String kernel,
                                         String reason) {
        return new NativeFloorFigure(c, warmupRepetitions, repetitions, Map.of(), List.of(), 0, FloorLatency.NONE,
                "", "", kernel, reason);
    }

    public boolean measured() {
        return skippedReason.isEmpty();
    }

    public int count(Outcome outcome) {
        return outcomeCounts.getOrDefault(outcome, 0);
    }

    /** "EOF=200" or "EOF=199;TIMEOUT=1": the non-zero counts, in Outcome order, as MatrixCsv writes them. */
    public String outcomeCountsText() {
        Map<Outcome, Integer> ordered = new EnumMap<>(Outcome.class);
        ordered.putAll(outcomeCounts);
        StringBuilder text = new StringBuilder();
        ordered.forEach((outcome, n) -> {
            if (n > 0) {
                text.append(text.length() == 0 ? "" : ";").append(outcome).append('=').append(n);
            }
        });
        return text.toString();
    }
}
