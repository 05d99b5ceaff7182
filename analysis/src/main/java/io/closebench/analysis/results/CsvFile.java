package io.closebench.analysis.results;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV of a results folder with commons-csv, header first, and refuses it whole, with a
 * message naming the file, when it lacks a column the caller relies on, when a row has a different
 * number of cells than the header (a file cut off mid-row ends that way), or when it does not parse.
 * Columns the caller does not name are allowed: a newer closebench may add some.
 */
public final class CsvFile {

    private CsvFile() {
    }

    /**
     * @param file the CSV
     * @param requiredColumns columns every row must have
     * @return its data rows, in file order
     * @throws ResultsFileException if the file is absent, empty, lacks a column, has a ragged row or
     *     does not parse
     */
    public static List<CsvRow> read(Path file, Collection<String> requiredColumns) throws ResultsFileException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new ResultsFileException(file, "empty: no header line");
            }
            List<String> missing = new ArrayList<>();
            for (String column : requiredColumns) {
                if (!header.contains(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new ResultsFileException(file, "missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " (the header has: " + String.join(", ", header) + ")");
            }
            List<CsvRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new ResultsFileException(file, "row " + record.getRecordNumber() + " has " + record.size()
                            + " cells, the header has " + header.size() + " (file cut off or hand-edited?)");
                }
                rows.add(new CsvRow(file, header, record));
            }
            return rows;
        } catch (ResultsFileException e) {
            throw e;
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new ResultsFileException(file, "not a readable CSV: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ResultsFileException(file, Files.exists(file) ? "cannot be read: " + e.getMessage() : "missing", e);
        }
    }
}
