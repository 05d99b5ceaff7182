package io.closebench.analysis.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table: a header, an alignment row (numbers right-aligned), and rows
 * whose cells are escaped so that a "|" or a line break inside a cell (an exception message, a
 * reason) cannot break the table.
 */
final class MarkdownTable {

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param header column titles; a title starting with ">" is right-aligned (the ">" is dropped)
     */
    MarkdownTable(String... header) {
        this.header = new String[header.length];
        this.rightAligned = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            this.header[i] = rightAligned[i] ? header[i].substring(1) : header[i];
        }
    }

    /**
     * @param cells one per column
     * @return this table
     */
    MarkdownTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + header.length + " columns: "
                    + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    /** @return whether no row was added */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the table, each line ending with a newline */
    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = rightAligned[i] ? "---:" : "---";
        }
        out.append("| ").append(String.join(" | ", rule)).append(" |\n");
        for (String[] row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    static String escape(String cell) {
        return cell == null ? "" : cell.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
