package io.closebench.bench;

import io.closebench.s1.CableExperiment;
import io.closebench.cable.CableFault;
import io.closebench.schema.Observer;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.cable.Mechanism;
import io.closebench.netns.NetnsCapability;
import io.closebench.schema.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S1, the pulled cable, single-shot: one invocation builds two network namespaces, opens
 * {@code connections} connections between them, injects the fault once (pulls the cable, kills or
 * freezes the client) and waits until every connection has an outcome or the trial's bound. Every
 * connection's detection time t1 - t0 goes into the histogram, so one pull gives many samples.
 *
 * <p>Caveats: the score (seconds per pull) is dominated by the mechanism's own timers, not by the
 * JVM; the detection times are the figures. t0 precedes the link change by the start-up of the
 * {@code ip} command (milliseconds, measured and reported in the cable CSV of the matrix). Needs
 * root and network namespaces: without them set-up fails with the reason, and the main job skips
 * this benchmark saying why. Not every mechanism exists for every observer: TCP_USER_TIMEOUT has
 * no JDK option, only NETTY_EPOLL and NETTY_IOURING can set it. Not every mechanism says something
 * about every fault: for PEER_NOT_READING (f: the client stops reading, the window closes) every
 * watching mechanism does; for RECONNECT (g: the server connects again to the dead client) only
 * DEFAULTS, CONNECT_TIMEOUT:ms, USER_TIMEOUT:ms and SYN_RETRIES:n do, and the time includes the
 * fixed 2 s the server waits after the pull before it connects (the cable CSV also has each
 * connect's own duration, against its rule). An outcome counts as unexpected only when the harness
 * failed; every outcome, timeouts included, is in the outcome counts.
 *
 * <p>Run (as root): {@code java -jar benchmarks/target/benchmarks.jar PulledCable
 * -prof io.closebench.bench.DetectionProfiler -p mechanism=USER_TIMEOUT:3000 -p observer=NETTY_EPOLL
 * -p fault=PULLED_SENDING}; a reconnect: {@code -p fault=RECONNECT -p mechanism=CONNECT_TIMEOUT:1000
 * -p observer=NIO}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@State(Scope.Thread)
public class PulledCable {

    /** A CableFault: PULLED_IDLE, PULLED_SENDING, ..., PEER_NOT_READING (f), RECONNECT (g), RECONNECT_KNOWN_ADDRESS (g'). */
    @Param({"PULLED_IDLE", "PULLED_SENDING"})
    public CableFault fault;

    /**
     * A mechanism token: KEEPALIVE:idle:interval:count (s), HEARTBEAT:interval_ms:misses, USER_TIMEOUT:ms, RETRIES:n,
     * READ_DEADLINE:ms, DEFAULTS, KEEPALIVE_USER_TIMEOUT:idle:interval:count:ms, and for a reconnect CONNECT_TIMEOUT:ms,
     * SYN_RETRIES:n.
     */
    @Param({"KEEPALIVE:2:1:3", "HEARTBEAT:500:3"})
    public String mechanism;

    @Param({"BLOCKING", "NIO"})
    public Observer observer;

    /** Connections per pull: samples per invocation. */
    @Param({"20"})
    public int connections;

    private Mechanism decoded;

    @Setup(Level.Trial)
    public void check() {
        NetnsCapability capability = CableExperiment.capability();
        if (!capability.available()) {
            throw new IllegalStateException("S1 needs network namespaces, unavailable here: " + capability.reason());
        }
        decoded = Mechanism.decode(mechanism);
        if (!decoded.appliesTo(fault)) {
            throw new IllegalArgumentException(mechanism + " says nothing about " + fault);
        }
        if (!decoded.observers().contains(observer)) {
            throw new IllegalArgumentException(mechanism + " cannot be set by the " + observer + " observer (only "
                    + decoded.observers() + ")");
        }
    }

    @Benchmark
    public List<CableSample> pull(LatencyJournal journal) {
        List<CableSample> samples = CableExperiment.measure(fault, decoded, observer, connections, CableSettings.standard());
        for (CableSample s : samples) {
            journal.record(s.outcome(), s.detectionNanos(), s.outcome() == Outcome.HARNESS_FAILURE || !s.failure().isEmpty());
        }
        return samples;
    }
}
