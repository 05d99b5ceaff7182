package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.stats.EmpiricalQuantile;
import io.closebench.schema.row.ObservationRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix's "On the wire, case by case": per scenario, over every model's captured repetitions,
 * which end left first and from whom, in which order the segments left after the fault, how often
 * an RST destroyed data its sender had written but not yet sent (the note's C3 "RST before the
 * normal data"), when the first end passed the capture point, and the retransmissions and probes,
 * beside the note's claim. Read from {@code observations-*.csv}, one row per repetition, so that
 * nothing is averaged across models before it is counted; the per-model figures are the matrix
 * file's {@code wire_*} columns.
 */
final class WireSection {

    private WireSection() {
    }

    static void append(ReportContext c) {
        Map<String, List<ObservationRecord>> byScenario = new LinkedHashMap<>();
        c.run.observations().forEach(o -> byScenario.computeIfAbsent(o.scenarioId(), k -> new ArrayList<>()).add(o));
        if (byScenario.isEmpty()) {
            return;
        }
        Map<String, String> note = new LinkedHashMap<>();
        c.run.matrix().forEach(r -> note.putIfAbsent(r.scenarioId(), r.noteLinux()));
        AlignedTable t = new AlignedTable("scenario", "the note says (Linux)", ">captured", "first end on the wire",
                "what left after the fault, in order", "RST destroyed queued data", ">first end after t0 (median)",
                ">retransmissions", ">probes");
        OutcomeCounts unavailable = new OutcomeCounts();
        for (Map.Entry<String, List<ObservationRecord>> e : byScenario.entrySet()) {
            List<ObservationRecord> all = e.getValue();
            List<ObservationRecord> seen = all.stream().filter(o -> o.wire().unavailable().isEmpty()
                    && !o.wire().firstEnd().isEmpty()).toList();
            all.stream().filter(o -> !o.wire().unavailable().isEmpty())
                    .forEach(o -> unavailable.add(o.wire().unavailable(), 1));
            if (seen.isEmpty()) {
                t.row(e.getKey(), note.getOrDefault(e.getKey(), "-"), "0 of " + all.size(), "-", "-", "-", "-", "-", "-");
                continue;
            }
            OutcomeCounts ends = new OutcomeCounts();
            OutcomeCounts orders = new OutcomeCounts();
            long rsts = 0;
            long destroyed = 0;
            long retransmissions = 0;
            long probes = 0;
            List<Double> endAt = new ArrayList<>();
            for (ObservationRecord o : seen) {
                ObservationRecord.Wire w = o.wire();
                ends.add(w.firstEnd() + (w.endBy().isEmpty() ? "" : " by " + w.endBy()), 1);
                orders.add(w.order().isEmpty() ? "nothing" : w.order(), 1);
                if (!w.rstBeforeData().isEmpty()) {
                    rsts++;
                    destroyed += Boolean.parseBoolean(w.rstBeforeData()) ? 1 : 0;
                }
                retransmissions += whole(w.retransmissions());
                probes += whole(w.probes());
                if (!w.endAtMicros().isEmpty()) {
                    endAt.add(Double.parseDouble(w.endAtMicros()));
                }
            }
            String order = orders.dominant() + " (" + orders.asMap().get(orders.dominant()) + ")"
                    + (orders.asMap().size() > 1 ? "; " + (seen.size() - orders.asMap().get(orders.dominant())) + " other" : "");
            t.row(e.getKey(), note.getOrDefault(e.getKey(), "-"), seen.size() + " of " + all.size(), ends.describe(),
                    order, rsts == 0 ? "no RST" : destroyed + " of " + rsts, median(endAt),
                    String.valueOf(retransmissions), String.valueOf(probes));
        }
        c.md.append("### On the wire, case by case\n\n");
        c.md.append("What the capture saw of each repetition's connection, over every model (the models only observe: "
                + "what leaves is the peer's kernel's doing, and the observer's own writes after the fault). \"RST destroyed "
                + "queued data\": of the repetitions with an RST, those whose RST left while its sender's written data was "
                + "still queued, never sent, and was destroyed by it; data already on the wire always arrived first. "
                + "Times are the first FIN or RST passing the capture point, converted to the clock of t0 "
                + "(`docs/wire-columns.md`). Per model: the matrix file's `wire_*` columns; the packets: `pcap/`.\n\n");
        c.table(t);
        if (!unavailable.asMap().isEmpty()) {
            c.md.append("Repetitions the wire could not tell: ").append(unavailable.describe()).append(".\n\n");
        }
    }

    private static long whole(String cell) {
        return cell.isEmpty() ? 0 : Long.parseLong(cell);
    }

    private static String median(List<Double> micros) {
        if (micros.isEmpty()) {
            return "-";
        }
        double m = EmpiricalQuantile.of(micros.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        return (m < 0 ? "-" : "") + ThreeFigureDuration.of(Math.abs(m) * 1000);
    }
}
