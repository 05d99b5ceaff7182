package io.closebench.bench;

import io.closebench.results.RunMetadata;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.Outcome;
import io.closebench.schema.PercentileColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

import static io.closebench.schema.PercentileColumn.*;

/** The percentile CSV of one benchmark in one fork: one row, columns in {@link PercentileColumn}. */
final class PercentileCsv {

    private PercentileCsv() {
    }

    /**
     * Where the fork's peer ran, the median round trip to its host (-1 on this host) and the largest
     * bound of a measured repetition's t0 (0 on this host's clock, -1 without any t0).
     */
    record Peer(io.closebench.fault.PeerPlace place, long medianRttNanos, long maxT0BoundNanos) {
    }

    /**
     * @param load background messages sent, dropped (socket buffer full), bytes received, over the trial
     * @param cpus the observer's and the peer's CPUs, as run
     * @param peer where the peer ran
     */
    static void write(Path file, BenchmarkKey key, long forkPid, IterationSummary s, int iterations, long[] load,
                      String[] cpus, Peer peer) throws IOException {
        Histogram h = s.histogram();
        boolean empty = h.getTotalCount() == 0;
        try (CsvLog<PercentileColumn> csv = CsvLog.create(file, PercentileColumn.class)) {
            csv.row().set(BENCHMARK, key.benchmark()).set(SCENARIO_ID, key.scenario()).set(OBSERVER, key.observer())
                    .set(PLACEMENT, key.placement()).set(IDLE_BEFORE_FAULT_US, key.idleBeforeFaultMicros())
                    .set(LOAD_CONNECTIONS, key.loadConnections()).set(CPU_BURNERS, key.cpuBurners())
                    .set(FORK_PID, forkPid).set(JDK, RunMetadata.jdk()).set(ITERATIONS, iterations)
                    .set(COUNT, h.getTotalCount()).set(MIN_NS, empty ? -1 : h.getMinValue())
                    .set(P50_NS, percentile(h, 50)).set(P90_NS, percentile(h, 90)).set(P99_NS, percentile(h, 99))
                    .set(P999_NS, percentile(h, 99.9)).set(MAX_NS, empty ? -1 : h.getMaxValue())
                    .set(MEAN_NS, empty ? -1 : Math.round(h.getMean())).set(UNEXPECTED, s.unexpected())
                    .set(TIMEOUTS, s.count(Outcome.TIMEOUT)).set(HARNESS_FAILURES, s.count(Outcome.HARNESS_FAILURE))
                    .set(NO_T0, s.noT0())
                    .set(OUTCOME_COUNTS, s.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(";")))
                    .set(ASLEEP_AT_FAULT, s.asleep()).set(HANDOFFS_IN_MEASURED_PATH, s.handOffs())
                    .set(OBSERVER_CPUS, cpus[0]).set(PEER_CPUS, cpus[1])
                    .set(LOAD_MESSAGES_SENT, load[0]).set(LOAD_MESSAGES_DROPPED, load[1]).set(LOAD_BYTES_RECEIVED, load[2])
                    .set(PEER_HOST, peer.place().host()).set(PEER_OS, peer.place().osAndVersion())
                    .set(PEER_JDK, peer.place().jdk()).set(MEDIAN_RTT_NS, peer.medianRttNanos())
                    .set(MAX_T0_BOUND_NS, peer.maxT0BoundNanos())
                    .append();
        }
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
    }
}
