package io.closebench.schema.csv;

import io.closebench.schema.Column;
import io.closebench.schema.LaterColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV of a results folder with commons-csv, header first, the way the schema's
 * {@code CsvLog} writes it: the header when the file is created, then each row appended and flushed
 * as it is complete. A run stopped mid-write therefore leaves every row it finished and at most one
 * half-written line at the end, and that is what this reader expects to find:
 * <ul>
 *   <li>a <b>cut last line</b> (the file does not end with a line break, the last record is
 *       ragged, or it ends inside a quoted cell) is left out and reported in
 *       {@link CsvTable#cut()}: every row before it is read;</li>
 *   <li>a <b>ragged row that is not the last</b> cannot come from a cut, only from corruption or a
 *       hand edit, and the file is refused, as it is when it lacks a column or does not parse.</li>
 * </ul>
 * A missing column is looked for by the schema's column enum: the file of a schema version holds
 * every column of its kind. Columns the enum does not name are allowed.
 */
public final class CsvFile {

    /** How a cut last line is reported, the start of {@link CsvTable#cut()}. */
    public static final String CUT = "last line cut: the run was stopped mid-write";

    private CsvFile() {
    }

    /**
     * @param file a results CSV
     * @param columns the column enum of its kind; every column must be in the header, but those that
     *     joined the schema later ({@link LaterColumns})
     * @return its complete rows, in file order, and whether its last line was cut
     * @throws ResultsFileException if the file is absent, lacks a column, has a ragged row before its
     *     last, or does not parse
     */
    public static <C extends Enum<C> & Column> CsvTable read(Path file, Class<C> columns) throws ResultsFileException {
        return read(file, java.util.Arrays.stream(columns.getEnumConstants()).filter(c -> !LaterColumns.mayBeMissing(c))
                .map(Column::header).toList());
    }

    /**
     * @param file a results CSV
     * @param requiredColumns columns the header must have, every one: a kind's schema columns (a
     *     record's {@code RowFormat}), or JMH's, whose files are not closebench's
     * @return its complete rows and whether its last line was cut
     * @throws ResultsFileException as {@link #read(Path, Class)}
     */
    public static CsvTable read(Path file, Collection<String> requiredColumns) throws ResultsFileException {
        String content;
        try {
            // a cut may fall inside a multi-byte character: decode leniently, the cut line is dropped anyway
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsFileException(file, Files.exists(file) ? "cannot be read: " + e.getMessage() : "missing", e);
        }
        if (content.isEmpty()) {
            return new CsvTable(file, List.of(), List.of(),
                    Optional.of("empty: the run was stopped before it wrote the header"));
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<String> header;
        List<CSVRecord> records = new ArrayList<>();
        boolean endsInsideQuotes = false;
        try (CSVParser parser = CSVParser.parse(content, format)) {
            header = parser.getHeaderNames();
            try {
                parser.forEach(records::add);
            } catch (UncheckedIOException e) {
                // an unterminated quoted cell runs to the end of the file: a valid file has an even
                // number of quote characters (doubled inside cells), a file cut inside a cell an odd one
                if (content.chars().filter(c -> c == '"').count() % 2 == 0) {
                    throw new ResultsFileException(file, "not a readable CSV: " + e.getCause().getMessage(), e);
                }
                endsInsideQuotes = true;
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException | IOException e) {
            throw new ResultsFileException(file, "not a readable CSV: " + e.getMessage(), e);
        }
        requireColumns(file, header, requiredColumns);
        boolean terminated = content.endsWith("\n") || content.endsWith("\r");
        boolean lastRagged = !records.isEmpty() && records.get(records.size() - 1).size() != header.size();
        boolean cut = endsInsideQuotes || ((!terminated || lastRagged) && !records.isEmpty());
        if (cut && !endsInsideQuotes) {
            records.remove(records.size() - 1);
        }
        List<CsvRow> rows = new ArrayList<>(records.size());
        for (CSVRecord record : records) {
            if (record.size() != header.size()) {
                throw new ResultsFileException(file, "row " + record.getRecordNumber() + " has " + record.size()
                        + " cells, the header has " + header.size() + ", and it is not the last row: the file is "
                        + "corrupt or was edited by hand (a run stopped mid-write cuts only its last line)");
            }
            rows.add(new CsvRow(file, header, record));
        }
        return new CsvTable(file, header, rows, cut ? Optional.of(CUT + "; " + (rows.isEmpty() ? "no complete row before it"
                : "read up to the last complete row, row " + rows.size())) : Optional.empty());
    }

    private static void requireColumns(Path file, List<String> header, Collection<String> required)
            throws ResultsFileException {
        if (header.isEmpty()) {
            throw new ResultsFileException(file, "empty: no header line");
        }
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new ResultsFileException(file, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (the header has: " + String.join(", ", header) + ")");
        }
    }
}
