package io.closebench.analysis.results;

import io.closebench.schema.Column;
import io.closebench.schema.SoakColumn;
import java.util.List;

import static io.closebench.schema.SoakColumn.*;

/**
 * One row of {@code soak-*.csv}: what the soak's process and machine held at one instant between two
 * repetitions. The first row after warm-up is the baseline; every later one is held to the bounds
 * of the metadata's {@code soak.bounds}, and says what exceeded them. -1 where a value could not be
 * read on this machine.
 *
 * @param elapsedSeconds since the soak started
 * @param repetitions repetitions completed so far
 * @param baseline whether this is the baseline sample
 * @param fds open file descriptors of the soak's process
 * @param threads its kernel threads
 * @param rssBytes its resident memory
 * @param heapAfterGcBytes its heap in use right after a full collection
 * @param liveChildren live descendant processes
 * @param timeWait TCP sockets in TIME_WAIT on the host
 * @param closedLast65s connections the soak closed in the last 65 s (what may be in TIME_WAIT)
 * @param networkNamespaces named network namespaces on the host
 * @param unexpectedOutcomes repetitions so far whose outcome is not the one Linux gives for their model
 * @param harnessFailures repetitions so far the harness could not run as designed
 * @param violations what exceeded its bound at this sample, "; "-separated; empty when nothing did
 */
public record SoakSample(double elapsedSeconds, long repetitions, boolean baseline, long fds, long threads,
        long rssBytes, long heapAfterGcBytes, long liveChildren, long timeWait, long closedLast65s,
        long networkNamespaces, long unexpectedOutcomes, long harnessFailures, String violations) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(SoakColumn.class);

    /**
     * @param r a row of a {@code soak-*.csv}
     * @return the sample
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static SoakSample of(CsvRow r) throws ResultsFileException {
        double elapsed = r.decimalOrNaN(ELAPSED_S);
        if (!(elapsed >= 0)) {
            throw r.problem(ELAPSED_S.header(), "'" + r.text(ELAPSED_S) + "' is not a time in seconds");
        }
        return new SoakSample(elapsed, r.whole(REPETITIONS), r.yesNo(BASELINE), r.whole(FDS), r.whole(THREADS),
                r.whole(RSS_BYTES), r.whole(HEAP_AFTER_GC_BYTES), r.whole(LIVE_CHILDREN), r.whole(TIME_WAIT),
                r.whole(CLOSED_LAST_65S), r.whole(NETWORK_NAMESPACES), r.whole(UNEXPECTED_OUTCOMES),
                r.whole(HARNESS_FAILURES), r.text(VIOLATIONS).strip());
    }
}
