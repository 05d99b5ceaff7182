package io.closebench.schema.row;

import io.closebench.schema.Column;
import io.closebench.schema.LaterColumns;
import io.closebench.schema.csv.CsvFile;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How one kind of results CSV is read back into its records: the columns its header must have (every
 * column of its enum, but those {@code LaterColumns} allows to be missing and those a record reads
 * where present), and how a parsed row becomes a record. A cell that is not what its column holds
 * fails with the file, the row, the column and the value ({@link CsvRow#problem}).
 *
 * @param <R> the record
 */
public final class RowFormat<R> {

    /** One parsed row into its record. */
    @FunctionalInterface
    public interface Reader<R> {
        /**
         * @param row a complete row of the file
         * @return its record
         * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
         */
        R read(CsvRow row) throws ResultsFileException;
    }

    private final List<String> requiredColumns;
    private final Reader<R> reader;

    private RowFormat(List<String> requiredColumns, Reader<R> reader) {
        this.requiredColumns = List.copyOf(requiredColumns);
        this.reader = reader;
    }

    /**
     * @param columns the file's column enum
     * @param reader how a row becomes a record
     * @param readWherePresent columns the record reads only where the file has them (older files lack them)
     * @return the format
     */
    @SafeVarargs
    public static <C extends Enum<C> & Column, R> RowFormat<R> of(Class<C> columns, Reader<R> reader,
            C... readWherePresent) {
        Set<C> optional = Set.of(readWherePresent);
        return new RowFormat<>(Arrays.stream(columns.getEnumConstants()).filter(c -> !optional.contains(c))
                .filter(c -> !LaterColumns.mayBeMissing(c)).map(Column::header).toList(), reader);
    }

    /** @return the header cells a file of this kind must have */
    public List<String> requiredColumns() {
        return requiredColumns;
    }

    /**
     * @param row a complete row of a file of this kind
     * @return its record
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public R read(CsvRow row) throws ResultsFileException {
        return reader.read(row);
    }

    /**
     * Reads a whole file: its complete rows, and whether its last line was cut.
     *
     * @param file a CSV of this kind
     * @return its table
     * @throws ResultsFileException as {@link CsvFile#read(Path, java.util.Collection)}
     */
    public CsvTable table(Path file) throws ResultsFileException {
        return CsvFile.read(file, requiredColumns);
    }

    /**
     * @param table a table of this kind
     * @return its records, in file order
     * @throws ResultsFileException on the first row that is not what it should be
     */
    public List<R> records(CsvTable table) throws ResultsFileException {
        List<R> out = new java.util.ArrayList<>(table.rows().size());
        for (CsvRow row : table.rows()) {
            out.add(read(row));
        }
        return out;
    }
}
