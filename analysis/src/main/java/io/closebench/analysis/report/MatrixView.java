package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conformance matrix as a table, one row per scenario, observer and placement (and one per case
 * that could not run): the note's claim next to what happened. The console prints every row with
 * numbered reasons below ({@link #plainTextWithNotes}); the report lists the rows that depart from
 * the note with their reasons in full ({@link #WHY}). Both draw the same cells from the same
 * records, durations through {@link ThreeFigureDuration}.
 */
public final class MatrixView {

    /** The shared columns. */
    public static final List<TableColumn<MatrixRecord>> COLUMNS = List.of(
            TableColumn.of("case", MatrixRecord::caseId),
            TableColumn.of("scenario", r -> dash(r.scenarioId())),
            TableColumn.of("peer", r -> dash(r.peerRuntime())),
            TableColumn.of("observer", MatrixRecord::observerName),
            TableColumn.of("placement", r -> r.placement().map(Enum::name).orElse("-")),
            TableColumn.of("note says", MatrixView::claim),
            TableColumn.of("observed", MatrixView::observed),
            TableColumn.of("delivery", MatrixView::delivery),
            TableColumn.of(">writes ok", r -> dash(r.writesAccepted())),
            TableColumn.of("next rd/wr", r -> r.ran() ? r.nextRead() + "/" + r.nextWrite() : "-"),
            TableColumn.of(">median t1-t0", MatrixView::median),
            TableColumn.of("verdict", r -> r.verdict().name()));

    /**
     * Where one sentence of a {@code why} ends and the next begins: a row's reasons are written as
     * sentences joined by a space, and the console numbers each once, however many rows give it.
     */
    private static final java.util.regex.Pattern SENTENCE = java.util.regex.Pattern.compile("(?<=\\.) (?=[A-Z'])");

    /** The report's last column: why the row departs from the note, or why it did not run. */
    public static final TableColumn<MatrixRecord> WHY = TableColumn.of("why", MatrixRecord::why);

    private MatrixView() {
    }

    /**
     * Every row, then each distinct sentence of the rows' reasons once, numbered, the rows pointing at
     * theirs ("[1] [3]"): the table a person reads on the console.
     *
     * @param rows a matrix's rows, in file order
     * @return the table and its notes, each line ending with a newline
     */
    public static String plainTextWithNotes(List<MatrixRecord> rows) {
        List<String> notes = new ArrayList<>();
        List<TableColumn<MatrixRecord>> columns = new ArrayList<>(COLUMNS);
        columns.add(TableColumn.of("why", r -> {
            List<String> refs = new ArrayList<>();
            for (String sentence : SENTENCE.split(reason(r))) {
                if (sentence.isBlank()) {
                    continue;
                }
                if (!notes.contains(sentence)) {
                    notes.add(sentence);
                }
                refs.add("[" + (notes.indexOf(sentence) + 1) + "]");
            }
            return String.join(" ", refs);
        }));
        AlignedTable table = TableColumn.table(columns, rows).separateGroups();
        StringBuilder out = new StringBuilder(table.plainText()).append('\n');
        for (int i = 0; i < notes.size(); i++) {
            out.append('[').append(i + 1).append("] ").append(notes.get(i)).append('\n');
        }
        return out.toString();
    }

    /** A skipped observer's reason names it; a pending case's and a departure's are said as written. */
    private static String reason(MatrixRecord r) {
        if (r.why().isEmpty()) {
            return "";
        }
        return r.verdict() == Verdict.SKIPPED ? "skipped " + r.observerName() + ": " + r.why() : r.why();
    }

    /**
     * @param r a row
     * @return the note's Linux claim in a few words: "RESET, some lost", "EOF"
     */
    public static String claim(MatrixRecord r) {
        return r.noteAccounting().isEmpty() || r.noteAccounting().equals("ANY") ? r.noteOutcome().name()
                : r.noteOutcome() + ", " + r.noteAccounting().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * @param r a row
     * @return "RESET 28, EOF 2" (with " (partial)" for a row cut short, and for a C observer what the
     *     note would write); "skipped", "not run here"
     */
    public static String observed(MatrixRecord r) {
        if (r.verdict() == Verdict.PENDING) {
            return "not run here";
        }
        if (r.verdict() == Verdict.SKIPPED) {
            return "skipped";
        }
        return OutcomeCounts.parse(List.of(r.outcomeCounts())).describe() + (r.partial() ? " (partial)" : "")
                + inTheNotesTerms(r);
    }

    /**
     * For a C observer, what the note writes: the errno of the decisive calls and SIGPIPE,
     * " (32 EPIPE, SIGPIPE raised 20/20)"; "" for the Java models, which see neither.
     *
     * @param r a row
     * @return the words, with a leading space, or ""
     */
    public static String inTheNotesTerms(MatrixRecord r) {
        if (!r.ran() || r.observer().isEmpty() || !r.observer().get().isC()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String message : r.exceptionMessageList()) {
            // "ECONNRESET: 104: Connection reset by peer"
            String[] f = message.split(": ", 3);
            if (f.length == 3) {
                parts.add(f[1] + " " + f[0]);
            }
        }
        if (!r.sigpipe().isEmpty()) {
            parts.add("SIGPIPE " + r.sigpipe());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /**
     * @param r a row
     * @return "all" when no repetition lost data, else in how many it did and the share of bytes that
     *     arrived; "-" where the peer sent nothing
     */
    public static String delivery(MatrixRecord r) {
        if (r.peerBytesSentTotal() == 0 || r.repetitions() == 0) {
            return "-";
        }
        long lossy = r.repsWithLoss();
        if (lossy == 0) {
            return "all";
        }
        double arrived = 100.0 * Math.min(r.bytesDeliveredTotal(), r.peerBytesSentTotal()) / r.peerBytesSentTotal();
        // a tiny loss must not read as "100% arrived"
        return String.format(Locale.ROOT, arrived >= 99.5 ? "lost in %d/%d (%.2f%% arrived)" : "lost in %d/%d (%.0f%% arrived)",
                lossy, r.repetitions(), arrived);
    }

    /**
     * @param r a row
     * @return its median t1 - t0, "-" without one; where its t0 was read on the peer's host and
     *     converted ({@code --peer}), with the largest bound of its t0 beside it, however it compares
     *     with the figure: "412 us +- 21.0 us"
     */
    public static String median(MatrixRecord r) {
        if (r.medianLatencyNanos() <= 0) {
            return "-";
        }
        return ThreeFigureDuration.of(r.medianLatencyNanos())
                + (r.peerHost().converted() ? " +- " + ThreeFigureDuration.of(r.peerHost().t0BoundNanos()) : "");
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
