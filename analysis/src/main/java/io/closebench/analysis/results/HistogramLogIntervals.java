package io.closebench.analysis.results;

import io.closebench.schema.csv.ResultsFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The complete intervals of one HdrHistogram log as closebench writes them (untagged integer
 * histograms, each line appended and flushed as its iteration or trial ends), decoded by
 * HdrHistogram's own {@link HistogramLogReader}. A log stopped mid-write ends in at most one
 * half-written line: it is left out and said ({@link #lastLineCut()}). A complete line HdrHistogram
 * cannot decode, or an interval that is not an integer histogram, makes the file unusable.
 *
 * @param intervals the intervals in file order
 * @param startTimeSeconds the log's start time (seconds since the epoch), 0 when it does not say
 * @param lastLineCut whether a half-written last line was left out
 */
record HistogramLogIntervals(List<Histogram> intervals, double startTimeSeconds, boolean lastLineCut) {

    HistogramLogIntervals {
        intervals = List.copyOf(intervals);
    }

    /**
     * @param file an {@code .hlog}
     * @return its complete intervals
     * @throws ResultsFileException naming the file when it cannot be read or decoded
     */
    static HistogramLogIntervals read(Path file) throws ResultsFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ResultsFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        List<Histogram> intervals = new ArrayList<>();
        try {
            HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes, 0, complete));
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram h)) {
                    throw new ResultsFileException(file, "holds a " + interval.getClass().getSimpleName()
                            + " interval; closebench writes integer histograms");
                }
                intervals.add(h);
            }
            double start = reader.getStartTimeSec();
            reader.close();
            return new HistogramLogIntervals(intervals, start, complete < bytes.length);
        } catch (RuntimeException e) {
            String message = e.getMessage();
            throw new ResultsFileException(file, "not a readable HdrHistogram log (corrupt): " + e.getClass().getSimpleName()
                    + (message == null ? "" : ": " + message), e);
        }
    }

    /** @return values recorded over every interval */
    long totalCount() {
        return intervals.stream().mapToLong(Histogram::getTotalCount).sum();
    }
}
