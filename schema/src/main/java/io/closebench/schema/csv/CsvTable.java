package io.closebench.schema.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete rows of one results CSV as {@link CsvFile} read them, and whether its end was cut:
 * a run stopped mid-write leaves a half-written last line, which is left out and said here, so that
 * the reader can report it as a gap of the folder (the analysis module's {@code FolderGap}) instead of either refusing the file or passing a
 * half row off as a whole one.
 *
 * @param file the CSV
 * @param header its column names, in file order; empty for an empty file
 * @param rows its complete rows, in file order
 * @param cut what was left out at the end and why, e.g. "last line cut: the run was stopped
 *     mid-write; read up to the last complete row, row 41"; empty for a file that ends cleanly
 */
public record CsvTable(Path file, List<String> header, List<CsvRow> rows, Optional<String> cut) {

    /** Keeps unmodifiable copies. */
    public CsvTable {
        Objects.requireNonNull(file, "file");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        Objects.requireNonNull(cut, "cut");
    }
}
