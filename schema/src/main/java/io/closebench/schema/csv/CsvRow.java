package io.closebench.schema.csv;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Column;
import io.closebench.schema.CsvWord;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/**
 * One data row of a results CSV, with typed access whose every failure names the file, the row and
 * the column: "{@code observations-n20-deadline5s.csv: row 17, column latency_ns: 'abc' is not a
 * whole number}". Rows are counted from 1 after the header. Cells are asked for by the schema's
 * column constants, so that the reader spells every name as the writer does; JMH's own CSV, whose
 * columns are not closebench's, is read by name.
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
     * @param column a column
     * @return whether the file has it
     */
    public boolean has(Column column) {
        return header.contains(column.header());
    }

    /**
     * @param column a column the file was checked to have
     * @return the cell as written, possibly empty
     */
    public String text(Column column) {
        return text(column.header());
    }

    /**
     * @param column a column name the file was checked to have
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
    public long whole(Column column) throws ResultsFileException {
        return whole(column.header());
    }

    /**
     * @param column a column name holding a whole number
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
     * @param column a column holding a count: a whole number from 0 to {@link Integer#MAX_VALUE}
     * @return its value
     * @throws ResultsFileException if the cell is not such a number
     */
    public int count(Column column) throws ResultsFileException {
        long v = whole(column);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw problem(column.header(), v + " is not a count");
        }
        return (int) v;
    }

    /**
     * @param column a column holding a whole number that fits an {@code int}, possibly -1
     * @return its value
     * @throws ResultsFileException if the cell is not such a number
     */
    public int integer(Column column) throws ResultsFileException {
        long v = whole(column);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw problem(column.header(), v + " is out of range");
        }
        return (int) v;
    }

    /**
     * @param column a column holding {@code true} or {@code false}
     * @return its value
     * @throws ResultsFileException if the cell is neither
     */
    public boolean yesNo(Column column) throws ResultsFileException {
        String cell = text(column).trim();
        if (cell.equals("true") || cell.equals("false")) {
            return cell.equals("true");
        }
        throw problem(column.header(), "'" + cell + "' is neither true nor false");
    }

    /**
     * @param column a column holding a number, where an empty cell means "not applicable"
     * @return its value, NaN for an empty cell or JMH's "NaN"
     * @throws ResultsFileException if the cell is neither empty nor a number
     */
    public double decimalOrNaN(Column column) throws ResultsFileException {
        return decimalOrNaN(column.header());
    }

    /**
     * @param column a column name holding a number, where an empty cell means "not applicable"
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
     * A word of the schema's vocabulary ({@code Observer}, {@code Placement}, {@code Outcome},
     * {@code Verdict}): a word this version does not know means the file is not what the reader
     * takes it for.
     *
     * @param column a column holding a constant's name
     * @param words the vocabulary
     * @return the constant
     * @throws ResultsFileException naming the cell and the words allowed
     */
    public <E extends Enum<E>> E word(Column column, Class<E> words) throws ResultsFileException {
        String cell = text(column).trim();
        try {
            return Enum.valueOf(words, cell);
        } catch (IllegalArgumentException e) {
            throw problem(column.header(), "'" + cell + "' is not one of " + Arrays.toString(words.getEnumConstants()));
        }
    }

    /**
     * A value written as a word of its own ({@link CsvWord}: "yes", "n/a", "child-realtime").
     *
     * @param column a column holding such a word
     * @param words the vocabulary
     * @return the constant
     * @throws ResultsFileException naming the cell and the words allowed
     */
    public <E extends Enum<E> & CsvWord> E csvWord(Column column, Class<E> words) throws ResultsFileException {
        String cell = text(column).trim();
        try {
            return CsvWord.parse(words, cell);
        } catch (IllegalArgumentException e) {
            throw problem(column.header(), e.getMessage());
        }
    }

    /**
     * A word of the schema's vocabulary, or nothing where the cell is empty (a pending row's observer).
     *
     * @param column a column holding a constant's name or nothing
     * @param words the vocabulary
     * @return the constant, empty for an empty cell
     * @throws ResultsFileException naming the cell and the words allowed
     */
    public <E extends Enum<E>> Optional<E> wordOrNothing(Column column, Class<E> words) throws ResultsFileException {
        return text(column).isBlank() ? Optional.empty() : Optional.of(word(column, words));
    }

    /**
     * A whole number in a column the file may lack (one of {@code LaterColumns}, absent from the files
     * written before it was added).
     *
     * @param column the column
     * @param absent the value when the file has no such column: what the column writes for "unknown"
     * @return its value
     * @throws ResultsFileException if the column is there and the cell is not a whole number
     */
    public long wholeOr(Column column, long absent) throws ResultsFileException {
        return has(column) ? whole(column) : absent;
    }

    /**
     * @param column a column the file may lack (see {@link #wholeOr})
     * @param absent the text when the file has no such column
     * @return the cell as written, or {@code absent}
     */
    public String textOr(Column column, String absent) {
        return has(column) ? text(column) : absent;
    }

    /**
     * The combination a row of a per-combination file names (a fork's percentiles, the summary),
     * from its columns of the same meaning.
     *
     * @return the key
     * @throws ResultsFileException naming the cell that is not what it should be
     */
    public BenchmarkKey key(Column benchmark, Column scenario, Column observer, Column placement, Column idleMicros,
            Column loadConnections, Column cpuBurners) throws ResultsFileException {
        Observer o = word(observer, Observer.class);
        Placement p = word(placement, Placement.class);
        long idle = whole(idleMicros);
        long load = whole(loadConnections);
        long burners = whole(cpuBurners);
        try {
            return new BenchmarkKey(text(benchmark), text(scenario), o, p, idle, Math.toIntExact(load),
                    Math.toIntExact(burners));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw problem(benchmark.header(), "not a benchmark combination: " + e.getMessage());
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
