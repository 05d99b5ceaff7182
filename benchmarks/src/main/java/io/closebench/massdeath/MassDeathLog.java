package io.closebench.massdeath;

import io.closebench.fault.PeerPlace;
import io.closebench.results.RunMetadata;
import io.closebench.schema.CsvLog;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Where mass-death trials go, each the moment it ends: a row in {@code massdeath-trials-*.csv}, a
 * row per connection in {@code massdeath-connections-*.csv}, and an interval (untagged, as
 * HdrHistogram's own tools expect) in the {@code .hlog} of its fault, observer, placement, N and
 * load, whose name says which.
 */
public final class MassDeathLog implements AutoCloseable {

    private final Path folder;
    private final PeerPlace peer;
    private final CsvLog<MassDeathTrialColumn> trials;
    private final CsvLog<MassDeathConnectionColumn> connections;
    private final Map<String, Log> logs = new HashMap<>();

    private record Log(PrintStream stream, HistogramLogWriter writer) {
    }

    public MassDeathLog(Path folder, String parameters) throws IOException {
        this(folder, parameters, PeerPlace.here());
    }

    /** As {@link #MassDeathLog(Path, String)}, the peers where {@code peer} says. */
    public MassDeathLog(Path folder, String parameters, PeerPlace peer) throws IOException {
        this.peer = peer;
        this.folder = folder;
        this.trials = CsvLog.create(folder.resolve(ResultFile.MASS_DEATH_TRIALS.name(parameters)), MassDeathTrialColumn.class);
        this.connections = CsvLog.create(folder.resolve(ResultFile.MASS_DEATH_CONNECTIONS.name(parameters)),
                MassDeathConnectionColumn.class);
    }

    /** The {@code .hlog} name of a combination: "massdeath-latency-KILL-NIO-OS-n1000-load0.hlog". */
    static String latencyFile(MassDeathSpec s) {
        return ResultFile.MASS_DEATH_LATENCY.name(s.fault() + "-" + s.observer() + "-" + s.plan().placement() + "-n"
                + s.connections() + "-load" + s.loadConnections()
                + s.hostMechanism().map(m -> "-" + m.encode().replace(':', '_')).orElse(""));
    }

    public synchronized void append(MassDeathResult r) throws IOException {
        MassDeathSpec s = r.spec();
        Histogram h = r.histogram();
        boolean none = h.getTotalCount() == 0;
        String mechanism = s.hostMechanism().map(m -> m.encode()).orElse("");
        trials.row().set(MassDeathTrialColumn.FAULT, s.fault()).set(MassDeathTrialColumn.OBSERVER, s.observer())
                .set(MassDeathTrialColumn.PLACEMENT, s.plan().placement())
                .set(MassDeathTrialColumn.CONNECTIONS, s.connections())
                .set(MassDeathTrialColumn.LOAD_CONNECTIONS, s.loadConnections()).set(MassDeathTrialColumn.TRIAL, r.trial())
                .set(MassDeathTrialColumn.MECHANISM, mechanism)
                .set(MassDeathTrialColumn.JDK, RunMetadata.jdk()).set(MassDeathTrialColumn.LOOPS, r.loops())
                .set(MassDeathTrialColumn.DETECTED, r.detected()).set(MassDeathTrialColumn.UNDETECTED, r.undetected())
                .set(MassDeathTrialColumn.OUTCOME_COUNTS, r.outcomeCounts())
                .set(MassDeathTrialColumn.FIRST_NS, none ? -1 : h.getMinValue())
                .set(MassDeathTrialColumn.P50_NS, none ? -1 : h.getValueAtPercentile(50))
                .set(MassDeathTrialColumn.P99_NS, none ? -1 : h.getValueAtPercentile(99))
                .set(MassDeathTrialColumn.LAST_NS, r.lastNanos()).set(MassDeathTrialColumn.BOUND_NS, s.bound().toNanos())
                .set(MassDeathTrialColumn.SERVER_CPU_NS, r.serverCpuNanos()).set(MassDeathTrialColumn.PEER_CPU_NS, r.peerCpuNanos())
                .set(MassDeathTrialColumn.CPU_NS_PER_PEER, r.cpuNanosPerPeer())
                .set(MassDeathTrialColumn.ALLOCATED_BYTES_PER_PEER, r.allocatedBytesPerPeer())
                .set(MassDeathTrialColumn.SERVER_THREADS, r.before().threads())
                .set(MassDeathTrialColumn.SERVER_RSS_BYTES, r.before().rssBytes())
                .set(MassDeathTrialColumn.SERVER_FDS, r.before().fds()).set(MassDeathTrialColumn.SETUP_NS, r.setupNanos())
                .set(MassDeathTrialColumn.TEARDOWN_NS, r.teardownNanos())
                .set(MassDeathTrialColumn.OBSERVER_CPUS, s.plan().observerCpus())
                .set(MassDeathTrialColumn.PEER_CPUS, s.plan().peerCpus()).set(MassDeathTrialColumn.FAILURE, r.failure())
                .set(MassDeathTrialColumn.PEER_HOST, peer.host()).set(MassDeathTrialColumn.PEER_OS, peer.osAndVersion())
                .set(MassDeathTrialColumn.PEER_JDK, peer.jdk()).set(MassDeathTrialColumn.RTT_NS, r.rttNanos())
                .set(MassDeathTrialColumn.T0_BOUND_NS, r.t0BoundNanos())
                .append();
        for (int i = 0; i < s.connections(); i++) {
            connections.row().set(MassDeathConnectionColumn.FAULT, s.fault()).set(MassDeathConnectionColumn.OBSERVER, s.observer())
                    .set(MassDeathConnectionColumn.PLACEMENT, s.plan().placement())
                    .set(MassDeathConnectionColumn.CONNECTIONS, s.connections()).set(MassDeathConnectionColumn.TRIAL, r.trial())
                    .set(MassDeathConnectionColumn.CONNECTION, i).set(MassDeathConnectionColumn.OUTCOME, r.outcomes()[i])
                    .set(MassDeathConnectionColumn.LATENCY_NS, r.latencyNanos()[i])
                    .set(MassDeathConnectionColumn.EXCEPTION, r.exceptions()[i])
                    .set(MassDeathConnectionColumn.MECHANISM, mechanism).append();
        }
        Log log = logs.get(latencyFile(s));
        if (log == null) {
            PrintStream stream = new PrintStream(Files.newOutputStream(folder.resolve(latencyFile(s))), false, "US-ASCII");
            HistogramLogWriter writer = new HistogramLogWriter(stream);
            writer.outputComment("closebench mass death " + s.describe() + ": t1 - t0 of every connection, ns, one "
                    + "interval per trial");
            writer.outputLogFormatVersion();
            // intervals start at each trial's fault, relative to the first trial's
            writer.outputStartTime(h.getStartTimeStamp());
            writer.setBaseTime(h.getStartTimeStamp());
            writer.outputLegend();
            log = new Log(stream, writer);
            logs.put(latencyFile(s), log);
        }
        log.writer().outputIntervalHistogram(h);
        log.stream().flush();
    }

    @Override
    public synchronized void close() throws IOException {
        trials.close();
        connections.close();
        logs.values().forEach(l -> l.stream().close());
    }
}
