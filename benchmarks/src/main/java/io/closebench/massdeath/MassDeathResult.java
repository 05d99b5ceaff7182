package io.closebench.massdeath;

import io.closebench.resources.ProcessSample;

import io.closebench.schema.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * One mass death, measured: every connection's outcome and t1 - t0 (-1: not detected by the
 * bound), and what noticing cost the server.
 *
 * @param spec         what ran
 * @param trial        its number, from 1
 * @param loops        event loops or watching threads the server used (N for thread per connection)
 * @param latencyNanos per connection, t1 - t0; -1 when not detected by the bound
 * @param outcomes     per connection
 * @param exceptions   per connection, "Class: message" or ""
 * @param serverCpuNanos CPU the server process used from t0 to the last detection (the peer's own
 *                     close loop taken out); -1 where it was not in this process (HOST)
 * @param peerCpuNanos CPU of an in-process peer's close loop, 0 for a child
 * @param allocatedBytes heap the JVM's threads allocated from t0 to the last detection (the
 *                     in-process peer's close loop included); -1 where unknown
 * @param before       the server process before t0
 * @param setupNanos   setting the N connections up
 * @param teardownNanos closing everything afterwards
 * @param failure      why the trial could not run as designed, or ""
 * @param faultAtMillis wall-clock time of the fault, ms since the epoch (the .hlog's interval start)
 * @param t0BoundNanos how far the true t0 can be from the one every latency counts from: 0 on this
 *                     host's clock; the offset estimate's bound where the peer's host took it
 * @param rttNanos     the round trip to the peer's host, measured with that estimate; -1 on this host
 */
public record MassDeathResult(MassDeathSpec spec, int trial, int loops, long[] latencyNanos, Outcome[] outcomes,
                              String[] exceptions, long serverCpuNanos, long peerCpuNanos, long allocatedBytes,
                              ProcessSample before,
                              long setupNanos, long teardownNanos, String failure, long faultAtMillis, long t0BoundNanos,
                              long rttNanos) {

    /** A trial whose peer was on this host: t0 on its own clock. */
    public MassDeathResult(MassDeathSpec spec, int trial, int loops, long[] latencyNanos, Outcome[] outcomes,
                           String[] exceptions, long serverCpuNanos, long peerCpuNanos, long allocatedBytes,
                           ProcessSample before, long setupNanos, long teardownNanos, String failure, long faultAtMillis) {
        this(spec, trial, loops, latencyNanos, outcomes, exceptions, serverCpuNanos, peerCpuNanos, allocatedBytes, before,
                setupNanos, teardownNanos, failure, faultAtMillis, 0, -1);
    }

    /** A trial that could not run: every connection counted as a harness failure, with the reason. */
    public static MassDeathResult failedWith(MassDeathSpec spec, int trial, String why) {
        return failed(spec, trial, why);
    }

    static MassDeathResult failed(MassDeathSpec spec, int trial, String why) {
        int n = spec.connections();
        long[] lat = new long[n];
        java.util.Arrays.fill(lat, -1);
        Outcome[] o = new Outcome[n];
        java.util.Arrays.fill(o, Outcome.HARNESS_FAILURE);
        String[] e = new String[n];
        java.util.Arrays.fill(e, "");
        return new MassDeathResult(spec, trial, 0, lat, o, e, -1, 0, -1, new ProcessSample(-1, -1, -1, -1), -1, -1, why,
                System.currentTimeMillis(), -1, -1);
    }

    /** The detections, every one recorded (values in ns). */
    public Histogram histogram() {
        Histogram h = new Histogram(3);
        h.setStartTimeStamp(faultAtMillis);
        h.setEndTimeStamp(faultAtMillis + Math.max(0, lastNanos()) / 1_000_000);
        for (long l : latencyNanos) {
            if (l >= 0) {
                h.recordValue(l);
            }
        }
        return h;
    }

    public long detected() {
        return java.util.Arrays.stream(latencyNanos).filter(l -> l >= 0).count();
    }

    public long undetected() {
        return latencyNanos.length - detected();
    }

    /** "EOF=1000" or "RESET=998;TIMEOUT=2". */
    public String outcomeCounts() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : outcomes) {
            counts.merge(o, 1L, Long::sum);
        }
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** The last detection after t0, -1 when none. */
    public long lastNanos() {
        return java.util.Arrays.stream(latencyNanos).max().orElse(-1);
    }

    /** Heap allocated per dead peer while they were detected, bytes; -1 where unknown. */
    public long allocatedBytesPerPeer() {
        return allocatedBytes < 0 ? -1 : allocatedBytes / spec.connections();
    }

    /** Server CPU per dead peer, ns; -1 where unknown. */
    public long cpuNanosPerPeer() {
        return serverCpuNanos < 0 ? -1 : serverCpuNanos / spec.connections();
    }
}
