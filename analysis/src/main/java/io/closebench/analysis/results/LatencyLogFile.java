package io.closebench.analysis.results;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.ResultFile;
import io.closebench.schema.csv.ResultsFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One fork's HdrHistogram log ({@code latency-<key>-fork<pid>.hlog}, named by
 * {@link BenchmarkKey#fileName}): one untagged interval per JMH measurement iteration, in the order
 * the iterations ran, each a histogram of detection latency t1 - t0 in nanoseconds. The key and the
 * fork come from the file name, which the schema parses ({@link BenchmarkKey#fromFileName}).
 *
 * <p>The fork appends each interval as its iteration ends and flushes it, so a fork that was
 * stopped leaves its finished iterations and at most one half-written line. That line is left out
 * and said ({@link #lastLineCut()}); whether it matters is for the reader to decide, by the fork's
 * percentile CSV: a fork that wrote one finished, and its log must hold all it counted. The file is
 * refused, naming it, when its name is not a log's, or when HdrHistogram cannot decode a complete
 * line.
 *
 * @param file the log
 * @param key its combination
 * @param forkPid the fork that wrote it
 * @param startTimeSeconds when the fork started its log (seconds since the epoch, 0 when the log
 *     does not say): forks are put in the order they ran by it
 * @param iterations one histogram per measurement iteration, in order; empty when the fork ended
 *     before its first measurement iteration
 * @param lastLineCut whether a half-written last line was left out
 */
public record LatencyLogFile(Path file, BenchmarkKey key, long forkPid, double startTimeSeconds,
        List<Histogram> iterations, boolean lastLineCut) {

    /** Validates the parts and keeps an unmodifiable list. */
    public LatencyLogFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        iterations = List.copyOf(iterations);
    }

    /**
     * @param file a {@code latency-*.hlog}
     * @return the fork's iterations
     * @throws ResultsFileException naming the file when it cannot be used
     */
    public static LatencyLogFile read(Path file) throws ResultsFileException {
        String name = file.getFileName().toString();
        BenchmarkKey.InFile named = BenchmarkKey.fromFileName(name).filter(f -> f.kind() == ResultFile.LATENCY)
                .orElseThrow(() -> new ResultsFileException(file, "not named as a fork's latency log is: latency-"
                        + "<benchmark>-<scenario>-<OBSERVER>-<PLACEMENT>-idle<us>us-load<n>-cpu<n>-fork<pid>.hlog"));
        HistogramLogIntervals log = HistogramLogIntervals.read(file);
        return new LatencyLogFile(file, named.key(), named.forkPid(), log.startTimeSeconds(), log.intervals(),
                log.lastLineCut());
    }

    /** @return values recorded over every iteration */
    public long totalCount() {
        return iterations.stream().mapToLong(Histogram::getTotalCount).sum();
    }

    /** @return the file's name */
    public String name() {
        return file.getFileName().toString();
    }

    /** @return the name of the fork's percentile CSV, written when the fork finished */
    public String percentilesName() {
        return key.fileName(ResultFile.PERCENTILES, forkPid);
    }
}
