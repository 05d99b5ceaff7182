package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVRecord;

/**
 * One data row of a results CSV, with typed access whose every failure names the file, the row and
 * the column: "{@code observations-n20-deadline5s.csv: row 17, column latency_ns: 'abc' is not a
 * whole number}". Rows are counted from 1 after the header.
 */
public final class CsvRow {

    private final Path file;
    private final List<String> header;
    private final CSVRecord record;

    CsvRow(Path file, List<String> header, CSVRecord record) {
        this.file = Objects.requireNonNull(file, "file");
        this.header = List.copyOf(header);
        this.record = Objects.requireNonNull(record, "record");
    }

    /** @return the file this row was read from */
    public Path file() {
        return file;
    }

    /** @return the file's column names, in header order */
    public List<String> headerNames() {
        return header;
    }

    /** @return the row's number, 1 for the first row after the header */
    public long number() {
        return record.getRecordNumber();
    }

    /**
     * @param column a column the file was checked to have
     * @return the cell as written, possibly empty
     */
    public String text(String column) {
        return record.get(column);
    }

    /**
     * @param column a column holding a whole number
     * @return its value
     * @throws ResultsFileException if the cell is empty or not a whole number
     */
    public long whole(String column) throws ResultsFileException {
        String cell = text(column).trim();
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw problem(column, "'" + cell + "' is not a whole number");
        }
    }

    /**
     * For a column that older runs did not write yet.
     *
     * @param column a column holding a whole number, possibly absent from the file
     * @param absent the value to use when the file has no such column
     * @return its value, or {@code absent}
     * @throws ResultsFileException if the column exists and the cell is not a whole number
     */
    public long wholeIfPresent(String column, long absent) throws ResultsFileException {
        return header.contains(column) ? whole(column) : absent;
    }

    /**
     * @param column a column holding a number, where an empty cell means "not applicable"
     * @return its value, NaN for an empty cell or JMH's "NaN"
     * @throws ResultsFileException if the cell is neither empty nor a number
     */
    public double decimalOrNaN(String column) throws ResultsFileException {
        String cell = text(column).trim();
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw problem(column, "'" + cell + "' is not a number");
        }
    }

    /**
     * @param column the cell concerned
     * @param what what is wrong with it
     * @return an exception naming file, row and column
     */
    public ResultsFileException problem(String column, String what) {
        return new ResultsFileException(file, "row " + number() + ", column " + column + ": " + what);
    }
}
