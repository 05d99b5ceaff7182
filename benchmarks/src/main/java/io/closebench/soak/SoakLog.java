package io.closebench.soak;

import io.closebench.schema.CsvLog;
import io.closebench.schema.ResultFile;
import io.closebench.schema.SoakColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code soak-*.csv}: each resource sample appended and flushed the moment it is taken. */
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
        csv.row().set(SoakColumn.ELAPSED_S, String.format(java.util.Locale.ROOT, "%.1f", s.elapsedNanos() / 1e9))
                .set(SoakColumn.REPETITIONS, s.repetitions()).set(SoakColumn.BASELINE, baseline)
                .set(SoakColumn.FDS, s.fds()).set(SoakColumn.THREADS, s.threads()).set(SoakColumn.RSS_BYTES, s.rssBytes())
                .set(SoakColumn.HEAP_AFTER_GC_BYTES, s.heapAfterGcBytes()).set(SoakColumn.LIVE_CHILDREN, s.children())
                .set(SoakColumn.TIME_WAIT, s.timeWait()).set(SoakColumn.CLOSED_LAST_65S, closedRecently)
                .set(SoakColumn.NETWORK_NAMESPACES, s.namespaces()).set(SoakColumn.OWN_NETWORK_NAMESPACES, s.ownNamespaces()).set(SoakColumn.UNEXPECTED_OUTCOMES, unexpected)
                .set(SoakColumn.HARNESS_FAILURES, harnessFailures).set(SoakColumn.VIOLATIONS, String.join("; ", violations))
                .append();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
