package io.closebench.matrix;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.Verdict;
import io.closebench.scenario.CaseId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The matrix as a person reads it: one line per scenario and observer, the note's claim next to
 * what happened, then numbered lines saying why wherever the two differ.
 */
public final class MatrixTable {

    private static final String[] HEADER = {"case", "variant", "peer", "observer", "note says (Linux)", "observed",
            "delivery", "writes ok", "next rd/wr", "median t1-t0", "verdict"};

    private MatrixTable() {
    }

    public static void print(MatrixResult result, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (MatrixRow row : result.rows()) {
            String verdict = row.verdict().name().toLowerCase() + (row.isPartial() ? " (partial)" : "");
            List<String> reasons = row.isSkipped() ? List.of("skipped " + row.observer() + ": " + row.skippedReason())
                    : Findings.explain(row);
            for (String why : reasons) {
                int at = notes.indexOf(why);
                if (at < 0) {
                    notes.add(why);
                    at = notes.size() - 1;
                }
                verdict += " [" + (at + 1) + "]";
            }
            lines.add(new String[] {row.scenario().caseId().name(), row.scenario().variant(),
                    row.scenario().runtime().label(), row.observer().name(), row.claim().claim(),
                    row.outcomeSummary() + inTheNotesTerms(row), row.isSkipped() ? "-" : delivery(row), row.writesAccepted(),
                    row.isSkipped() ? "-" : row.nextRead() + "/" + row.nextWrite(),
                    ThreeFigureDuration.of(row.medianLatencyNanos()) + bound(row), verdict});
        }
        for (CaseId pending : result.pending()) {
            lines.add(new String[] {pending.name(), pending.peerAction(), "-", "-", pending.note().claim(), "not run here",
                    "-", "-", "-", "-", "pending"});
        }
        AlignedTable table = new AlignedTable(HEADER).separateGroups();
        lines.forEach(table::row);
        out.print(table.plainText());
        out.println();
        for (int i = 0; i < notes.size(); i++) {
            out.printf("[%d] %s%n", i + 1, notes.get(i));
        }
        if (!result.pending().isEmpty()) {
            out.println("pending: " + result.pending().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", "))
                    + " (pulled cable): " + result.pendingReason());
        }
        if (result.isPartial()) {
            out.printf("%nstopped by %s: %d repetitions completed; rows marked (partial) hold what completed, "
                    + "later scenarios did not run%n", result.stoppedBy(), result.repetitions());
        }
        out.printf("%nsummary: %d rows agree with the note, %d partly, %d differ (findings about this OS), %d pending, "
                        + "%d skipped (observer cannot run here)%n",
                result.count(Verdict.AGREES), result.count(Verdict.PARTLY), result.count(Verdict.DIFFERS),
                result.pending().size(), result.count(Verdict.SKIPPED));
    }

    /**
     * For a C observer, what the note writes: the errno of the decisive calls and SIGPIPE,
     * " (32 EPIPE, SIGPIPE raised 20/20)"; "" for the Java models, which see neither.
     */
    static String inTheNotesTerms(MatrixRow row) {
        if (row.isSkipped() || !io.closebench.observe.ObserverModels.isNative(row.observer())) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String message : row.exceptionMessages()) {
            // "ECONNRESET: 104: Connection reset by peer"
            String[] f = message.split(": ", 3);
            if (f.length == 3) {
                parts.add(f[1] + " " + f[0]);
            }
        }
        if (!row.sigpipe().isEmpty()) {
            parts.add("SIGPIPE " + row.sigpipe());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** "all" when no repetition lost data, else in how many it did and the share of bytes that arrived. */
    static String delivery(MatrixRow row) {
        if (row.peerBytesSent() == 0 || row.n() == 0) {
            return "-";
        }
        long lossy = row.repetitionsWithLoss();
        if (lossy == 0) {
            return "all";
        }
        double arrived = 100.0 * Math.min(row.bytesDelivered(), row.peerBytesSent()) / row.peerBytesSent();
        // a tiny loss must not read as "100% arrived"
        return String.format(arrived >= 99.5 ? "lost in %d/%d (%.2f%% arrived)" : "lost in %d/%d (%.0f%% arrived)",
                lossy, row.n(), arrived);
    }

    /**
     * " +- 21 us" where the row's t0 was read on the peer's host and converted (--peer): every median is
     * shown with the bound of its t0, however it compares with the figure; "" on this host's clock.
     */
    static String bound(MatrixRow row) {
        return row.maxT0BoundNanos() > 0 && row.medianLatencyNanos().isPresent()
                ? " +- " + ThreeFigureDuration.of(row.maxT0BoundNanos()) : "";
    }
}
