package io.closebench.bench;

import io.closebench.results.RunMetadata;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.Outcome;
import io.closebench.schema.PercentileColumn;
import io.closebench.schema.row.PercentileRecord;
import io.closebench.schema.row.PeerHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The percentile CSV of one benchmark in one fork: one row, the schema's {@link PercentileRecord}. */
final class PercentileCsv {

    private PercentileCsv() {
    }

    /**
     * @param load background messages sent, dropped (socket buffer full), bytes received, over the trial
     * @param cpus the observer's and the peer's CPUs, as run
     * @param peer where the fork's peer ran, the median round trip to its host (-1 on this host) and the
     *     largest bound of a measured repetition's t0 (0 on this host's clock, -1 without any t0)
     */
    static void write(Path file, BenchmarkKey key, long forkPid, IterationSummary s, int iterations, long[] load,
                      String[] cpus, PeerHost peer) throws IOException {
        Histogram h = s.histogram();
        boolean empty = h.getTotalCount() == 0;
        try (CsvLog<PercentileColumn> csv = CsvLog.create(file, PercentileColumn.class)) {
            new PercentileRecord(key, forkPid, RunMetadata.jdk(), iterations, h.getTotalCount(),
                    empty ? -1 : h.getMinValue(), percentile(h, 50), percentile(h, 90), percentile(h, 99),
                    percentile(h, 99.9), empty ? -1 : h.getMaxValue(), empty ? -1 : Math.round(h.getMean()),
                    s.unexpected(), s.count(Outcome.TIMEOUT), s.count(Outcome.HARNESS_FAILURE), s.noT0(),
                    s.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(";")),
                    s.asleep(), s.handOffs(), cpus[0], cpus[1], load[0], load[1], load[2], peer)
                    .appendTo(csv);
        }
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
    }
}
