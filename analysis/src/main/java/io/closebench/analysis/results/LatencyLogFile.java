package io.closebench.analysis.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * One fork's HdrHistogram log ({@code latency-<benchmark>-...-fork<pid>.hlog}), read with
 * HdrHistogram's {@code HistogramLogReader} through {@link LatencyLogs#read(Path)}: its intervals
 * added up into one histogram of detection latency t1 - t0 in nanoseconds.
 *
 * <p>The file is refused, naming it, when HdrHistogram cannot decode it, when it holds no interval
 * at all (cut off after its header), or when it holds intervals of more than one combination or of
 * another combination than its name says.
 *
 * @param file the log
 * @param key its benchmark, scenario, observer and load
 * @param forkPid the fork that wrote it
 * @param histogram every interval added up
 */
public record LatencyLogFile(Path file, BenchmarkKey key, long forkPid, Histogram histogram) {

    private static final Pattern FORK = Pattern.compile(".*-fork(\\d+)\\.hlog");

    /** Validates the parts. */
    public LatencyLogFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(histogram, "histogram");
    }

    /**
     * @param file a {@code latency-*.hlog}
     * @return the fork's histogram
     * @throws ResultsFileException naming the file when it cannot be used
     */
    public static LatencyLogFile read(Path file) throws ResultsFileException {
        String name = file.getFileName().toString();
        Matcher fork = FORK.matcher(name);
        if (!name.startsWith("latency-") || !fork.matches()) {
            throw new ResultsFileException(file, "not named latency-<benchmark>-<scenario>-<observer>-load<L>-cpu<C>-fork<pid>.hlog");
        }
        Map<String, Histogram> byTag;
        try {
            byTag = LatencyLogs.read(file);
        } catch (IOException e) {
            throw new ResultsFileException(file, "not a readable HdrHistogram log (truncated or corrupt): "
                    + causeOf(e), e);
        }
        if (byTag.isEmpty()) {
            throw new ResultsFileException(file, "holds no interval histogram: the log is truncated after its header");
        }
        if (byTag.size() > 1) {
            throw new ResultsFileException(file, "holds intervals of several combinations " + byTag.keySet()
                    + ", one fork writes one");
        }
        Map.Entry<String, Histogram> only = byTag.entrySet().iterator().next();
        String benchmark = LatencyLogs.benchmarkOf(name);
        BenchmarkKey key = BenchmarkKey.fromTag(benchmark, only.getKey()).orElseThrow(() -> new ResultsFileException(file,
                "tag '" + only.getKey() + "' is not <scenario>/<observer>/load<L>/cpu<C>"));
        String expectedName = "latency-" + benchmark + "-" + key.scenario() + "-" + key.observer() + "-load"
                + key.loadConnections() + "-cpu" + key.cpuBurners() + "-fork";
        if (!name.startsWith(expectedName)) {
            throw new ResultsFileException(file, "its tag '" + only.getKey() + "' does not match its file name");
        }
        return new LatencyLogFile(file, key, Long.parseLong(fork.group(1)), only.getValue());
    }

    /** LatencyLogs' message already starts with the path; keep only what HdrHistogram said. */
    private static String causeOf(IOException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
