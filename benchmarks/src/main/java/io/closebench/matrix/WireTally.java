package io.closebench.matrix;

import io.closebench.wire.Party;
import io.closebench.wire.WireColumns;
import io.closebench.wire.WireEnd;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A matrix row's repetitions as the wire showed them: which end appeared first and who sent it, when
 * (the median, after t0), how often an RST left ahead of data its sender had written, and the
 * retransmissions and probes after the fault; and how many repetitions had no wire facts, with
 * the reasons.
 */
final class WireTally {

    private static final int DISTINCT_REASONS = 4;

    private final Map<String, Long> firstEnds = new LinkedHashMap<>();
    private final Map<String, Long> orders = new LinkedHashMap<>();
    private final List<Double> endAtMicros = new ArrayList<>();
    private final Set<String> unavailable = new LinkedHashSet<>();
    private long observed;
    private long missing;
    private long rstBeforeDataKnown;
    private long rstBeforeData;
    private long retransmissions;
    private long probes;

    void add(WireColumns columns) {
        if (columns instanceof WireColumns.Observed o) {
            observed++;
            String end = o.firstEnd() == WireEnd.NONE ? "none"
                    : o.firstEnd().name() + o.endSender().map(p -> p == Party.PEER ? " by peer" : " by observer").orElse("");
            firstEnds.merge(end, 1L, Long::sum);
            o.endAt().ifPresent(t -> endAtMicros.add(t.micros()));
            o.rstBeforeData().ifPresent(b -> {
                rstBeforeDataKnown++;
                if (b) {
                    rstBeforeData++;
                }
            });
            orders.merge(o.order(), 1L, Long::sum);
            retransmissions += o.retransmissions();
            probes += o.probes();
        } else if (columns instanceof WireColumns.Unavailable u) {
            missing++;
            if (unavailable.size() < DISTINCT_REASONS) {
                unavailable.add(u.reason());
            }
        }
    }

    /** "RST by peer 20/20", "FIN by peer 19/20, none 1/20"; "" when nothing was seen on the wire. */
    String firstEnd() {
        long n = observed;
        return firstEnds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue() + "/" + n).collect(Collectors.joining(", "));
    }

    /** The most frequent order of what left after the fault, with how often: "peer FIN, observer data, peer RST (20/20)"; "". */
    String order() {
        return orders.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey() + " (" + e.getValue() + "/" + observed + ")").orElse("");
    }

    /** The median time of the first end after t0, in microseconds. */
    OptionalDouble medianEndAtMicros() {
        if (endAtMicros.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> sorted = new ArrayList<>(endAtMicros);
        Collections.sort(sorted);
        return OptionalDouble.of(sorted.get((sorted.size() - 1) / 2));
    }

    /** "20/20": repetitions whose first RST left ahead of written data, of those where it could be told; "". */
    String rstBeforeData() {
        return rstBeforeDataKnown == 0 ? "" : rstBeforeData + "/" + rstBeforeDataKnown;
    }

    long retransmissions() {
        return retransmissions;
    }

    long probes() {
        return probes;
    }

    /** Repetitions without wire facts. */
    long missing() {
        return missing;
    }

    /** Why, in a few distinct words. */
    List<String> unavailableReasons() {
        return List.copyOf(unavailable);
    }

    /** For a progress line: "wire: RST by peer 20/20 at 12.3 us"; or why there is none. */
    String describe() {
        if (observed == 0) {
            return missing == 0 ? "" : "wire: " + String.join("; ", unavailable);
        }
        return "wire: " + firstEnd() + medianEndAtMicros().stream()
                .mapToObj(us -> String.format(Locale.ROOT, " at %.1f us", us)).findFirst().orElse("")
                + (rstBeforeData().isEmpty() ? "" : ", RST ahead of data " + rstBeforeData())
                + (missing == 0 ? "" : ", " + missing + " without wire facts");
    }
}
