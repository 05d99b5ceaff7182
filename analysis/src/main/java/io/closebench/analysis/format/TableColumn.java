package io.closebench.analysis.format;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a table drawn from values of one kind: its header (a leading {@code ">"}
 * right-aligns it, as in {@link AlignedTable}) and how a value gives its cell. A view lists the
 * columns every rendering shares; the console and the report each add the columns only they need,
 * and both draw the same cells from the same values, formatted by the same code.
 *
 * @param header the column's title
 * @param cell the cell of one value
 * @param <T> the values, one per row
 */
public record TableColumn<T>(String header, Function<T, String> cell) {

    /** Both are there. */
    public TableColumn {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(cell, "cell");
    }

    /**
     * @param header the column's title
     * @param cell the cell of one value
     * @return the column
     */
    public static <T> TableColumn<T> of(String header, Function<T, String> cell) {
        return new TableColumn<>(header, cell);
    }

    /**
     * @param columns the columns, left to right
     * @param values one row each, top to bottom
     * @return the table
     */
    public static <T> AlignedTable table(List<TableColumn<T>> columns, Iterable<? extends T> values) {
        AlignedTable t = new AlignedTable(columns.stream().map(TableColumn::header).toArray(String[]::new));
        for (T v : values) {
            t.row(columns.stream().map(c -> c.cell().apply(v)).toArray(String[]::new));
        }
        return t;
    }

    /**
     * @param first columns to put first
     * @param then columns after them
     * @return both, in that order
     */
    @SafeVarargs
    public static <T> List<TableColumn<T>> concat(List<TableColumn<T>> first, TableColumn<T>... then) {
        List<TableColumn<T>> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(then));
        return List.copyOf(all);
    }
}
