package io.closebench.soak;

import io.closebench.schema.CsvLog;
import io.closebench.schema.ResultFile;
import io.closebench.schema.SoakColumn;
import io.closebench.schema.row.SoakRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code soak-*.csv}: each resource sample appended as the schema's {@link SoakRecord} and flushed the moment it is taken. */
public final class SoakLog implements AutoCloseable {

    private final CsvLog<SoakColumn> csv;

    public SoakLog(Path folder, String parameters) throws IOException {
        this.csv = CsvLog.create(folder.resolve(ResultFile.SOAK.name(parameters)), SoakColumn.class);
    }

    public Path file() {
        return csv.file();
    }

    void append(ResourceSample s, boolean baseline, long closedRecently, long unexpected, long harnessFailures,
                List<String> violations) throws IOException {
        new SoakRecord(s.elapsedNanos() / 1e9, s.repetitions(), baseline, s.fds(), s.threads(), s.rssBytes(),
                s.heapAfterGcBytes(), s.children(), s.timeWait(), closedRecently, s.namespaces(), unexpected,
                harnessFailures, String.join("; ", violations), s.ownNamespaces()).appendTo(csv);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
