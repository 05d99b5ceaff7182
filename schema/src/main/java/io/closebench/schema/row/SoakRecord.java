package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.SoakColumn;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.math.BigDecimal;
import java.util.Locale;

import static io.closebench.schema.SoakColumn.*;

/**
 * One resource sample of a soak, a row of {@code soak-*.csv}: what the soak's process and machine
 * held at one instant between two repetitions. Every column of {@link SoakColumn}, in its order. The
 * first row after warm-up is the baseline; every later one is held to the bounds of the metadata's
 * {@code soak.bounds}, and says what exceeded them. -1 where a value could not be read on this
 * machine. The elapsed time is written to a tenth of a second, and a record holds it as written.
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
 * @param ownNetworkNamespaces the network namespaces this run made, which the growth bound holds (-1 in a
 *                             file from before the column)
 */
public record SoakRecord(double elapsedSeconds, long repetitions, boolean baseline, long fds, long threads,
        long rssBytes, long heapAfterGcBytes, long liveChildren, long timeWait, long closedLast65s,
        long networkNamespaces, long unexpectedOutcomes, long harnessFailures, String violations,
        long ownNetworkNamespaces)
        implements SchemaRecord<SoakColumn> {

    /** How {@code soak-*.csv} is read. */
    public static final RowFormat<SoakRecord> FORMAT = RowFormat.of(SoakColumn.class, SoakRecord::read);

    /** Holds the elapsed time as the file writes it. */
    public SoakRecord {
        if (!(elapsedSeconds >= 0) || Double.isInfinite(elapsedSeconds)) {
            throw new IllegalArgumentException("elapsed seconds must be 0 or more: " + elapsedSeconds);
        }
        elapsedSeconds = new BigDecimal(elapsedCell(elapsedSeconds)).doubleValue();
    }

    private static String elapsedCell(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    @Override
    public void fill(CsvLog<SoakColumn>.Row r) {
        r.set(ELAPSED_S, elapsedCell(elapsedSeconds)).set(REPETITIONS, repetitions).set(BASELINE, baseline).set(FDS, fds)
                .set(THREADS, threads).set(RSS_BYTES, rssBytes).set(HEAP_AFTER_GC_BYTES, heapAfterGcBytes)
                .set(LIVE_CHILDREN, liveChildren).set(TIME_WAIT, timeWait).set(CLOSED_LAST_65S, closedLast65s)
                .set(NETWORK_NAMESPACES, networkNamespaces).set(UNEXPECTED_OUTCOMES, unexpectedOutcomes)
                .set(HARNESS_FAILURES, harnessFailures).set(VIOLATIONS, violations)
                .set(OWN_NETWORK_NAMESPACES, ownNetworkNamespaces);
    }

    /**
     * @param r a row of a {@code soak-*.csv}
     * @return the sample
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static SoakRecord read(CsvRow r) throws ResultsFileException {
        double elapsed = r.decimalOrNaN(ELAPSED_S);
        if (!(elapsed >= 0) || Double.isInfinite(elapsed)) {
            throw r.problem(ELAPSED_S.header(), "'" + r.text(ELAPSED_S) + "' is not a time in seconds");
        }
        return new SoakRecord(elapsed, r.whole(REPETITIONS), r.yesNo(BASELINE), r.whole(FDS), r.whole(THREADS),
                r.whole(RSS_BYTES), r.whole(HEAP_AFTER_GC_BYTES), r.whole(LIVE_CHILDREN), r.whole(TIME_WAIT),
                r.whole(CLOSED_LAST_65S), r.whole(NETWORK_NAMESPACES), r.whole(UNEXPECTED_OUTCOMES),
                r.whole(HARNESS_FAILURES), r.text(VIOLATIONS).strip(), r.wholeOr(OWN_NETWORK_NAMESPACES, -1));
    }
}
