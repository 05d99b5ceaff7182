package io.closebench.analysis.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One table model, headers, rows and each column's alignment, with the two renderings closebench
 * prints: aligned plain text for the console ({@link #plainText()}) and GitHub-flavoured Markdown for
 * {@code report.md} ({@link #markdown()}). The content is the caller's; this class owns the layout.
 *
 * <p><b>Columns.</b> A header starting with {@code ">"} declares a right-aligned column (numbers),
 * the {@code ">"} itself is dropped; every other column is left-aligned.
 *
 * <p><b>Plain text.</b> The header line, a rule of dashes under each column, then the rows; columns
 * two spaces apart, each as wide as its widest cell, trailing spaces stripped. A left-aligned last
 * column is free text: never padded, and its rule as wide as its header, so that a long sentence
 * there does not widen the rule. A line break inside a cell becomes a space. With
 * {@link #separateGroups()}, a blank line goes wherever the first cell changes from one row to the
 * next.
 *
 * <p><b>Markdown.</b> The header row, the alignment row ({@code ---} or {@code ---:}), the rows;
 * each cell escaped so that a {@code |} or a line break inside it (an exception message, a reason)
 * cannot break the table: {@code \} and {@code |} are backslash-escaped, a line break becomes
 * {@code <br>}. Groups are not separated: a blank line would end a Markdown table.
 *
 * <p>A {@code null} cell is an empty one. Not thread-safe.
 */
public final class AlignedTable {

    private static final String GAP = "  ";

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private boolean separateGroups;

    /**
     * @param header column titles; a title starting with {@code ">"} is right-aligned (the {@code ">"} is dropped)
     */
    public AlignedTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
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
     * @throws IllegalArgumentException if the row has another number of cells than there are columns
     */
    public AlignedTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + header.length + " columns: "
                    + Arrays.toString(cells));
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    /**
     * In plain text, a blank line wherever the first cell changes from one row to the next.
     *
     * @return this table
     */
    public AlignedTable separateGroups() {
        separateGroups = true;
        return this;
    }

    /** @return whether no row was added */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the table aligned for a terminal, each line ending with a newline */
    public String plainText() {
        int last = header.length - 1;
        boolean freeLast = !rightAligned[last];
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i < last || !freeLast) {
                    width[i] = Math.max(width[i], oneLine(row[i]).length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
        String previous = null;
        for (String[] row : rows) {
            if (separateGroups && previous != null && !previous.equals(row[0])) {
                out.append('\n');
            }
            previous = row[0];
            line(out, row, width);
        }
        return out.toString();
    }

    /** @return the table in GitHub-flavoured Markdown, each line ending with a newline */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        markdownLine(out, header);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = rightAligned[i] ? "---:" : "---";
        }
        out.append("| ").append(String.join(" | ", rule)).append(" |\n");
        for (String[] row : rows) {
            markdownLine(out, row);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = oneLine(cells[i]);
            String pad = " ".repeat(Math.max(0, width[i] - cell.length()));
            s.append(rightAligned[i] ? pad + cell : cell + pad).append(GAP);
        }
        out.append(s.toString().stripTrailing()).append('\n');
    }

    private static String oneLine(String cell) {
        return cell.replace("\r", "").replace('\n', ' ');
    }

    private static void markdownLine(StringBuilder out, String[] cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
