package io.closebench.analysis.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many repetitions ended with each outcome, as the results files write it
 * ({@code EOF=19;RESET=1}): parsed, added up over forks or connections, and written back most frequent
 * first ("EOF 19, RESET 1").
 */
final class OutcomeCounts {

    private final Map<String, Long> counts = new LinkedHashMap<>();

    /**
     * @param cells {@code OUTCOME=count;...} cells to add up; empty cells are skipped
     * @return the sum
     * @throws IllegalArgumentException on a cell not of that form
     */
    static OutcomeCounts parse(List<String> cells) {
        OutcomeCounts out = new OutcomeCounts();
        for (String cell : cells) {
            for (String part : cell.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + part + "' is not OUTCOME=count");
                }
                out.add(part.substring(0, eq).trim(), Long.parseLong(part.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    /**
     * @param outcome e.g. "RESET"
     * @param n how many more
     */
    void add(String outcome, long n) {
        counts.merge(outcome, n, Long::sum);
    }

    /** @return outcome to count, most frequent first, ties in first-seen order */
    Map<String, Long> sorted() {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** @return the most frequent outcome, "-" when there is none */
    String dominant() {
        return sorted().keySet().stream().findFirst().orElse("-");
    }

    /** @return the total over all outcomes */
    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return "EOF 19, RESET 1", or "-" when empty */
    String describe() {
        if (counts.isEmpty()) {
            return "-";
        }
        return sorted().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** @return an unmodifiable view in insertion order */
    Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }
}
