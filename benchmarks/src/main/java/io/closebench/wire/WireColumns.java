package io.closebench.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five matrix columns the wire adds to a repetition's row, as values, either observed or
 * unavailable with the reason (the tool missing, no permission, the capture incomplete, the
 * connection not in the capture): never an unexplained empty cell.
 */
public sealed interface WireColumns {

    /** Column names, in {@link #cells()} order. */
    List<String> HEADER = List.of("wire_first_end", "wire_end_at_us", "wire_rst_before_data", "wire_retransmissions",
            "wire_probes", "wire_order");

    /** The cells, in {@link #HEADER} order; all empty when unavailable. */
    List<String> cells();

    /**
     * The columns of one connection's facts; unavailable when the connection is not in the capture
     * or the capture may have missed packets.
     */
    static WireColumns of(ConnectionFacts facts) {
        if (!facts.captureProblems().isEmpty()) {
            return new Unavailable("capture incomplete: " + String.join("; ", facts.captureProblems()));
        }
        if (!facts.found()) {
            return new Unavailable("no segment of " + facts.connection() + " in the capture");
        }
        Optional<WireEvent> end = facts.firstEndEvent();
        return new Observed(facts.firstEnd(), end.map(WireEvent::sender), end.map(WireEvent::at),
                facts.rstAgainstData().flatMap(RstAgainstData::leftBeforeQueuedData),
                facts.retransmissionsAfterFault().size(), facts.probesAfterFault().size(), facts.orderAfterFault());
    }

    /**
     * What the wire showed.
     *
     * @param firstEnd        {@code wire_first_end}: FIN, RST or none
     * @param endSender       who sent that first end (not a column of the issue; the lead may add one)
     * @param endAt           {@code wire_end_at_us}: its time after t0, with the conversion's bound
     * @param rstBeforeData   {@code wire_rst_before_data}: the first RST left while its sender's
     *                        written data was still queued; empty without an RST or without the
     *                        bytes written
     * @param retransmissions {@code wire_retransmissions}: retransmissions after t0, both sides
     * @param probes          {@code wire_probes}: keepalive and zero-window probes after t0, both sides
     * @param order           {@code wire_order}: what left after t0, in order ({@link ConnectionFacts#orderAfterFault()})
     */
    record Observed(WireEnd firstEnd, Optional<Party> endSender, Optional<SinceFault> endAt,
                    Optional<Boolean> rstBeforeData, int retransmissions, int probes, String order) implements WireColumns {

        @Override
        public List<String> cells() {
            return List.of(firstEnd.cell(),
                    endAt.map(t -> String.format(Locale.ROOT, "%.3f", t.micros())).orElse(""),
                    rstBeforeData.map(String::valueOf).orElse(""),
                    String.valueOf(retransmissions), String.valueOf(probes), order);
        }
    }

    /**
     * No wire facts for this row, and why.
     *
     * @param reason for the run's output and the row's record
     */
    record Unavailable(String reason) implements WireColumns {

        @Override
        public List<String> cells() {
            return List.of("", "", "", "", "", "");
        }
    }
}
