package io.closebench.analysis.report;

import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * S1 as a table, one row per fault, mechanism, observer and placement ({@link CableFigures}): the
 * columns the console's S1 table and the report's S1 section share, drawn from the same records and
 * formatted by the same code ({@link ThreeFigureDuration}, {@link Figures#ratio}). Each adds its own
 * columns: the report the rule in words, the console the fault letter and what the row means.
 */
public final class CableView {

    /**
     * The shared columns: the group, its connections and outcomes, t1 - t0, the rule, the time after
     * the rule's reference instant, and measured over rule.
     */
    public static final List<TableColumn<CableFigures>> COLUMNS = List.of(
            TableColumn.of("mechanism", CableFigures::mechanism),
            TableColumn.of("settings", CableFigures::settings),
            TableColumn.of("observer", g -> g.observer().name()),
            TableColumn.of("placement", g -> g.placement().map(Enum::name).orElse("not recorded")),
            TableColumn.of(">n", g -> String.valueOf(g.rows().size())),
            TableColumn.of("outcomes", CableView::outcomes),
            TableColumn.of(">median t1-t0", g -> ThreeFigureDuration.of(g.medianDetection())),
            TableColumn.of(">max t1-t0", g -> ThreeFigureDuration.of(g.maxDetection())),
            TableColumn.of("rule", CableView::rule),
            TableColumn.of(">measured median", g -> ThreeFigureDuration.of(g.medianSinceReference())),
            TableColumn.of(">measured max", g -> ThreeFigureDuration.of(g.maxSinceReference())),
            TableColumn.of(">measured/rule median", g -> ratio(g.medianRatio())),
            TableColumn.of(">measured/rule max", g -> ratio(g.maxRatio())));

    /** The report's last column: the rule in words, with its numbers. */
    public static final TableColumn<CableFigures> WHY = TableColumn.of("why", CableFigures::theoryText);

    /** The console's first column, where one table holds every fault. */
    public static final TableColumn<CableFigures> FAULT = TableColumn.of("fault", CableFigures::fault);

    private CableView() {
    }

    /**
     * @param g a group
     * @return "CONNECTION_TIMED_OUT 20", with how many reached the bound and how many the harness could not run
     */
    public static String outcomes(CableFigures g) {
        return g.outcomeSummary() + (g.reachedBound() > 0 ? "; " + g.reachedBound() + " reached the bound" : "")
                + (g.failures() > 0 ? "; " + g.failures() + " harness failures" : "");
    }

    /**
     * @param g a group
     * @return "5.00 s after last segment", "never", "- (client's kernel decides)", or "differs per
     *     connection" where the connections' rules are of different kinds
     */
    public static String rule(CableFigures g) {
        return g.theoryKind().map(kind -> switch (kind) {
            case FINITE -> ThreeFigureDuration.of(g.medianTheory()) + " after " + reference(g.theoryReference());
            case NEVER -> "never";
            case NOT_PREDICTED -> "- (client's kernel decides)";
        }).orElse("differs per connection");
    }

    /**
     * @param reference a {@code theory_reference} word
     * @return the instant in a few words: "last segment", "1st unacked send", "connect()"
     */
    public static String reference(String reference) {
        return switch (reference) {
            case "LAST_PEER_SEGMENT" -> "last segment";
            case "FIRST_UNACKED_SEND" -> "1st unacked send";
            case "LAST_READ" -> "last read";
            case "PLUG" -> "plug";
            case "WINDOW_PROBING" -> "window probing";
            case "CONNECT" -> "connect()";
            default -> reference.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String ratio(OptionalDouble r) {
        return r.isPresent() ? Figures.ratio(r.getAsDouble()) : "-";
    }
}
