package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.util.Optional;

import static io.closebench.schema.MassDeathTrialColumn.*;

/**
 * One mass-death trial, a row of {@code massdeath-trials-*.csv}: N connections whose peers all died
 * at t0, watched by one observer model. Every column of {@link MassDeathTrialColumn}, in its order;
 * {@code results/README.md} says what each means. Times are nanoseconds after t0, -1 where nothing was
 * detected or the figure is unknown (the server's CPU where the server is not this process, HOST). A
 * combination that could not run here has one row whose failure starts with {@value #SKIPPED}. The
 * words of {@code fault} and {@code mechanism} are the harness's own (its {@code MassFault} and HOST's
 * mechanism tokens), kept as written.
 *
 * @param fault how the peers died: KILL, KILL_UNREAD, ABORT, HOST
 * @param observer the server's I/O model
 * @param placement where the server's threads and the peer ran
 * @param connections N, the connections that died at once
 * @param loadConnections background connections streaming meanwhile
 * @param trial the trial's number, from 1
 * @param mechanism for HOST, how the server finds out ("KEEPALIVE:2:1:3"); empty otherwise
 * @param jdk the JDK of the server process
 * @param loops event loops or watching threads the server used (N for a thread per connection)
 * @param detected connections whose end the server noticed by the bound
 * @param undetected connections it had not noticed by the bound
 * @param outcomeCounts {@code OUTCOME=count;...} over the N connections
 * @param firstNanos the first detection after t0
 * @param p50Nanos the median detection
 * @param p99Nanos the 99th percentile detection
 * @param lastNanos the last detection: when the server knew of every dead peer, if all were detected
 * @param boundNanos how long after t0 a connection may take before it counts as undetected
 * @param serverCpuNanos the server process's CPU from t0 to the last detection
 * @param peerCpuNanos an in-process peer's own CPU, taken out of the server's
 * @param cpuNanosPerPeer the server's CPU per dead peer
 * @param allocatedBytesPerPeer heap allocated per dead peer meanwhile
 * @param serverThreads the server's threads before t0
 * @param serverRssBytes its resident memory before t0
 * @param serverFds its open file descriptors before t0
 * @param setupNanos setting the N connections up
 * @param teardownNanos closing everything afterwards
 * @param observerCpus the CPUs the server's threads ran on
 * @param peerCpus the CPUs the peer ran on
 * @param failure why the trial could not run as designed ("skipped: ..." for a combination not run
 *     here); empty when it could
 * @param peerHost where the peers ran, the round trip to their host and how far the true t0 can be from the
 *     one the times count from ({@code peer_host}, {@code peer_os}, {@code peer_jdk}, {@code rtt_ns},
 *     {@code t0_bound_ns}: 0 on this host's clock, the offset estimate's bound where the peers were on
 *     another host); {@link PeerHost#UNKNOWN} in a file written before them
 */
public record MassDeathTrialRecord(String fault, Observer observer, Placement placement, int connections,
        int loadConnections, int trial, String mechanism, String jdk, long loops, long detected, long undetected,
        String outcomeCounts, long firstNanos, long p50Nanos, long p99Nanos, long lastNanos, long boundNanos,
        long serverCpuNanos, long peerCpuNanos, long cpuNanosPerPeer, long allocatedBytesPerPeer, long serverThreads,
        long serverRssBytes, long serverFds, long setupNanos, long teardownNanos, String observerCpus, String peerCpus,
        String failure, PeerHost peerHost) implements SchemaRecord<MassDeathTrialColumn> {

    /** How {@code massdeath-trials-*.csv} is read. */
    public static final RowFormat<MassDeathTrialRecord> FORMAT = RowFormat.of(MassDeathTrialColumn.class,
            MassDeathTrialRecord::read);

    /** How a failure says that the combination could not run here. */
    public static final String SKIPPED = "skipped:";

    @Override
    public void fill(CsvLog<MassDeathTrialColumn>.Row r) {
        r.set(FAULT, fault).set(OBSERVER, observer).set(PLACEMENT, placement).set(CONNECTIONS, connections)
                .set(LOAD_CONNECTIONS, loadConnections).set(TRIAL, trial).set(MECHANISM, mechanism).set(JDK, jdk)
                .set(LOOPS, loops).set(DETECTED, detected).set(UNDETECTED, undetected).set(OUTCOME_COUNTS, outcomeCounts)
                .set(FIRST_NS, firstNanos).set(P50_NS, p50Nanos).set(P99_NS, p99Nanos).set(LAST_NS, lastNanos)
                .set(BOUND_NS, boundNanos).set(SERVER_CPU_NS, serverCpuNanos).set(PEER_CPU_NS, peerCpuNanos)
                .set(CPU_NS_PER_PEER, cpuNanosPerPeer).set(ALLOCATED_BYTES_PER_PEER, allocatedBytesPerPeer)
                .set(SERVER_THREADS, serverThreads).set(SERVER_RSS_BYTES, serverRssBytes).set(SERVER_FDS, serverFds)
                .set(SETUP_NS, setupNanos).set(TEARDOWN_NS, teardownNanos).set(OBSERVER_CPUS, observerCpus)
                .set(PEER_CPUS, peerCpus).set(FAILURE, failure);
        peerHost.fill(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS);
    }

    /**
     * @param r a row of a {@code massdeath-trials-*.csv}
     * @return the trial
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static MassDeathTrialRecord read(CsvRow r) throws ResultsFileException {
        return new MassDeathTrialRecord(r.text(FAULT).strip(), r.word(OBSERVER, Observer.class),
                r.word(PLACEMENT, Placement.class), r.count(CONNECTIONS), r.count(LOAD_CONNECTIONS), r.count(TRIAL),
                r.text(MECHANISM).strip(), r.text(JDK), r.whole(LOOPS), r.whole(DETECTED), r.whole(UNDETECTED),
                r.text(OUTCOME_COUNTS), r.whole(FIRST_NS), r.whole(P50_NS), r.whole(P99_NS), r.whole(LAST_NS),
                r.whole(BOUND_NS), r.whole(SERVER_CPU_NS), r.whole(PEER_CPU_NS), r.whole(CPU_NS_PER_PEER),
                r.whole(ALLOCATED_BYTES_PER_PEER), r.whole(SERVER_THREADS), r.whole(SERVER_RSS_BYTES),
                r.whole(SERVER_FDS), r.whole(SETUP_NS), r.whole(TEARDOWN_NS), r.text(OBSERVER_CPUS), r.text(PEER_CPUS),
                r.text(FAILURE).strip(),
                PeerHost.read(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS));
    }

    /** @return why the combination could not run here, when this is its "skipped:" row */
    public Optional<String> skippedReason() {
        return failure.startsWith(SKIPPED) ? Optional.of(failure.substring(SKIPPED.length()).strip()) : Optional.empty();
    }

    /** @return whether it ran and the harness could not run it as designed */
    public boolean failed() {
        return !failure.isEmpty() && skippedReason().isEmpty();
    }

    /** @return whether it ran as designed and every one of the N connections was detected by the bound */
    public boolean allDetected() {
        return failure.isEmpty() && undetected == 0 && detected == connections && lastNanos >= 0;
    }

    /** @return the combination this trial is one of */
    public MassDeathCombination combination() {
        return new MassDeathCombination(fault, mechanism, observer, placement, loadConnections, connections);
    }
}
