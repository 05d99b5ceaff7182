package io.closebench.analysis.results;

import io.closebench.schema.ResultFile;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.RowFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One folder's reading as it goes, shared by the readers of each job's files: the files read so far
 * and the {@link FolderGap}s found, every complete row of a CSV turned into its schema record (a cut last
 * line becomes a gap), and the files a job writes looked for.
 */
final class FolderReading {

    final List<String> read = new ArrayList<>();
    final List<FolderGap> gaps = new ArrayList<>();

    /** Every complete row of the files, each turned into its record; a cut last line becomes a gap. */
    <T> List<T> rows(List<Path> files, RowFormat<T> format) throws ResultsFileException {
        List<T> out = new ArrayList<>();
        for (Path f : files) {
            CsvTable table = format.table(f);
            out.addAll(format.records(table));
            note(table);
        }
        return out;
    }

    void note(CsvTable table) {
        read.add(name(table.file()));
        table.cut().ifPresent(c -> gaps.add(new FolderGap(name(table.file()), c)));
    }

    /** A gap when the run's job writes files of that kind and there is none. */
    void expect(Map<ResultFile, List<Path>> files, ResultFile kind, String consequence) {
        expect(files.get(kind), kind.pattern(), consequence);
    }

    /** A gap when the run's job writes such files and there is none. */
    void expect(List<Path> files, String pattern, String consequence) {
        if (files.isEmpty()) {
            gaps.add(new FolderGap(pattern, consequence));
        }
    }

    void gap(String subject, String detail) {
        gaps.add(new FolderGap(subject, detail));
    }

    static String name(Path p) {
        return p.getFileName().toString();
    }
}
