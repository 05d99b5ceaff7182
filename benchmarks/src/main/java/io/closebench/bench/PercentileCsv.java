package io.closebench.bench;

import io.closebench.schema.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The percentile CSV of one benchmark in one fork: one row, columns documented in results/README.md. */
public final class PercentileCsv {

    public static final String[] COLUMNS = {"benchmark", "scenario_id", "observer", "load_connections", "cpu_burners",
            "fork_pid", "iterations", "count", "min_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "mean_ns",
            "unexpected", "timeouts", "harness_failures", "no_t0", "outcome_counts", "load_messages_sent",
            "load_messages_dropped", "load_bytes_received"};

    private PercentileCsv() {
    }

    /** {@code load}: background messages sent, dropped (socket buffer full), bytes received, over the whole trial. */
    static void write(Path file, BenchmarkTag tag, IterationSummary s, int iterations, long[] load) throws IOException {
        Histogram h = s.histogram();
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            boolean empty = h.getTotalCount() == 0;
            csv.printRecord(tag.benchmark(), tag.scenario(), tag.observer(), tag.loadConnections(), tag.cpuBurners(),
                    tag.forkPid(), iterations, h.getTotalCount(),
                    empty ? -1 : h.getMinValue(), percentile(h, 50), percentile(h, 90), percentile(h, 99),
                    percentile(h, 99.9), empty ? -1 : h.getMaxValue(), empty ? -1 : Math.round(h.getMean()),
                    s.unexpected(), s.count(Outcome.TIMEOUT), s.count(Outcome.HARNESS_FAILURE), s.noT0(),
                    s.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(";")), load[0], load[1], load[2]);
        }
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
    }
}
