package io.closebench.massdeath;

import io.closebench.results.PeerColumns;
import io.closebench.fault.PeerPlace;
import io.closebench.results.RunMetadata;
import io.closebench.schema.CsvLog;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathConnectionRecord;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Where mass-death trials go, each the moment it ends: its row ({@link MassDeathTrialRecord}) in
 * {@code massdeath-trials-*.csv}, a row per connection ({@link MassDeathConnectionRecord}) in
 * {@code massdeath-connections-*.csv}, and an interval (untagged, as
 * HdrHistogram's own tools expect) in the {@code .hlog} of its fault, observer, placement, N and
 * load, whose name says which.
 */
public final class MassDeathLog implements AutoCloseable {

    private final Path folder;
    private final PeerPlace peer;
    private final CsvLog<MassDeathTrialColumn> trials;
    private final CsvLog<MassDeathConnectionColumn> connections;
    private final Map<String, Log> logs = new HashMap<>();
    private final List<MassDeathTrialRecord> written = new ArrayList<>();

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
        return combination(s).latencyFileName();
    }

    private static MassDeathCombination combination(MassDeathSpec s) {
        return new MassDeathCombination(s.fault().name(), s.hostMechanism().map(m -> m.encode()).orElse(""), s.observer(),
                s.plan().placement(), s.loadConnections(), s.connections());
    }

    /** @return every trial row appended so far, in order */
    public synchronized List<MassDeathTrialRecord> trials() {
        return List.copyOf(written);
    }

    /**
     * Appends the trial's row, its connections' rows and its log interval, each flushed.
     *
     * @param r a trial that ended (or a combination skipped here, as {@link MassDeathResult#failedWith})
     * @return the trial's row
     */
    public synchronized MassDeathTrialRecord append(MassDeathResult r) throws IOException {
        MassDeathSpec s = r.spec();
        Histogram h = r.histogram();
        MassDeathTrialRecord trial = trialRecord(r, h, peer);
        trial.appendTo(trials);
        written.add(trial);
        for (int i = 0; i < s.connections(); i++) {
            new MassDeathConnectionRecord(trial.fault(), s.observer(), s.plan().placement(), s.connections(), r.trial(), i,
                    r.outcomes()[i], r.latencyNanos()[i], r.exceptions()[i], trial.mechanism()).appendTo(connections);
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
        return trial;
    }

    /**
     * The trial's row: its histogram's first, median and p99 detection, what it cost the server, where
     * its peers ran ({@code peer}) and the bound of its t0.
     */
    static MassDeathTrialRecord trialRecord(MassDeathResult r, Histogram h, PeerPlace peer) {
        MassDeathSpec s = r.spec();
        boolean none = h.getTotalCount() == 0;
        return new MassDeathTrialRecord(s.fault().name(), s.observer(), s.plan().placement(), s.connections(),
                s.loadConnections(), r.trial(), s.hostMechanism().map(m -> m.encode()).orElse(""), RunMetadata.jdk(),
                r.loops(), r.detected(), r.undetected(), r.outcomeCounts(), none ? -1 : h.getMinValue(),
                none ? -1 : h.getValueAtPercentile(50), none ? -1 : h.getValueAtPercentile(99), r.lastNanos(),
                s.bound().toNanos(), r.serverCpuNanos(), r.peerCpuNanos(), r.cpuNanosPerPeer(), r.allocatedBytesPerPeer(),
                r.before().threads(), r.before().rssBytes(), r.before().fds(), r.setupNanos(), r.teardownNanos(),
                s.plan().observerCpus(), s.plan().peerCpus(), r.failure(), PeerColumns.of(peer, r.rttNanos(), r.t0BoundNanos()));
    }

    @Override
    public synchronized void close() throws IOException {
        trials.close();
        connections.close();
        logs.values().forEach(l -> l.stream().close());
    }
}
