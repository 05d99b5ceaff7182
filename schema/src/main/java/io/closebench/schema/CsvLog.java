package io.closebench.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A results CSV written as it is produced: the header when it is created, then each row appended
 * and flushed the moment it is complete, so that a run cut short keeps every row it finished and at
 * most one half-written line at the end (which the reader recognises and leaves out). Rows are
 * filled by column ({@link Row#set}); a row with a column left unset is refused, so a writer cannot
 * silently shift the columns it does fill. Appends are serialised, so threads may share one log.
 *
 * @param <C> the file's column enum
 */
public final class CsvLog<C extends Enum<C> & Column> implements AutoCloseable {

    private final Class<C> columns;
    private final Path file;
    private final CSVPrinter printer;
    private long rows;

    private CsvLog(Class<C> columns, Path file, CSVPrinter printer) {
        this.columns = columns;
        this.file = file;
        this.printer = printer;
    }

    /**
     * Creates (or replaces) {@code file} and writes its header.
     *
     * @param file the CSV
     * @param columns its column enum
     * @return the open log
     * @throws IOException if the file cannot be written
     */
    public static <C extends Enum<C> & Column> CsvLog<C> create(Path file, Class<C> columns) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        List<String> headers = Column.headers(columns);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(headers.toArray(String[]::new)).get());
        printer.flush();
        return new CsvLog<>(columns, file, printer);
    }

    /** @return a new, empty row of this log */
    public Row row() {
        return new Row();
    }

    public Path file() {
        return file;
    }

    /** @return rows appended so far */
    public synchronized long rows() {
        return rows;
    }

    private synchronized void append(Map<C, Object> values) throws IOException {
        if (values.size() != columns.getEnumConstants().length) {
            List<String> unset = java.util.Arrays.stream(columns.getEnumConstants()).filter(c -> !values.containsKey(c))
                    .map(Column::header).toList();
            throw new IllegalStateException(file.getFileName() + ": row without " + unset);
        }
        printer.printRecord(values.values().stream().map(v -> v instanceof CsvWord w ? w.word() : v).toList());
        printer.flush();
        rows++;
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close();
    }

    /** One row being filled; {@link #append()} writes it. */
    public final class Row {
        private final Map<C, Object> values = new EnumMap<>(columns);

        /**
         * @param column a column
         * @param value its cell; a {@link CsvWord}'s word, or {@code String.valueOf} of anything else
         * @return this row
         */
        public Row set(C column, Object value) {
            if (value == null) {
                throw new IllegalArgumentException(column.header() + " cannot be null: write \"\" or -1");
            }
            values.put(column, value);
            return this;
        }

        /** Appends the row and flushes it to the file. */
        public void append() throws IOException {
            CsvLog.this.append(values);
        }

        /** As {@link #append()}, for callers that cannot throw: an I/O error becomes unchecked. */
        public void appendUnchecked() {
            try {
                append();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
