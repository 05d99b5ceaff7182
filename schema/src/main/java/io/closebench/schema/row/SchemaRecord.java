package io.closebench.schema.row;

import io.closebench.schema.Column;
import io.closebench.schema.CsvLog;
import java.io.IOException;

/**
 * One row of a results CSV as a value, every column typed: the record writes itself
 * ({@link #appendTo}) and its kind's {@link RowFormat} reads it back, so that the writer and the
 * reader of a column are the same class and cannot drift apart. The harness builds records and
 * hands them to a {@link CsvLog}; the analysis reads the same records. A component is never null:
 * an empty text is "", an absent word an empty {@code Optional}, an unknown figure -1 (a null cell is
 * refused by {@link CsvLog}, naming its column).
 *
 * @param <C> the file's column enum
 */
public interface SchemaRecord<C extends Enum<C> & Column> {

    /**
     * Sets every column of {@code row} (a column left unset makes {@link CsvLog} refuse the row).
     *
     * @param row an empty row of the file's log
     */
    void fill(CsvLog<C>.Row row);

    /**
     * Appends this record to {@code log} and flushes it.
     *
     * @param log the file's log
     * @throws IOException if the file cannot be written
     */
    default void appendTo(CsvLog<C> log) throws IOException {
        CsvLog<C>.Row row = log.row();
        fill(row);
        row.append();
    }
}
