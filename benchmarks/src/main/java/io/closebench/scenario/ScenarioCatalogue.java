package io.closebench.scenario;

import io.closebench.fault.PeerData;
import static io.closebench.fault.PeerRuntime.BASH_CHILD;
import static io.closebench.fault.PeerRuntime.IN_PROCESS;
import static io.closebench.fault.PeerRuntime.JVM_CHILD;
import static io.closebench.observe.Probe.READ_UNTIL_OUTCOME;
import static io.closebench.observe.Probe.WRITE_ONCE_THEN_READ;
import static io.closebench.observe.Probe.WRITE_UNTIL_ERROR;

import io.closebench.fault.Fault;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.ProbeLimits;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every runnable scenario: each case of the note in the variants that decide its outcome on a real
 * OS. The sizes are chosen against Linux's loopback defaults: 4 KiB left unread is enough to turn a
 * close into an RST; 256 KiB is "many packets" in 16 KiB writes, more than one send buffer's worth;
 * "fill" writes until the kernel refuses more, several MiB with autotuning.
 *
 * <p>S1 has no runnable scenario here: it needs network namespaces, and shows in the matrix as
 * pending until it does.
 */
public final class ScenarioCatalogue {

    private static final int KIB = 1024;
    private static final ProbeLimits READ_ONLY = new ProbeLimits(64, 1);
    /** A sender that keeps going: 1 KiB writes, at most 1000 of them before concluding "nothing". */
    private static final ProbeLimits STREAMING_WRITES = new ProbeLimits(KIB, 1000);
    /** The note's C1 "packets": small writes. */
    private static final ProbeLimits PACKET_WRITES = new ProbeLimits(64, 1000);

    private static final List<Scenario> ALL = build();
    private static final List<Scenario> BASELINES = buildBaselines();

    private ScenarioCatalogue() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    /**
     * Baselines, not cases: the outcome has already arrived when the observer makes its one call,
     * so what they measure is the cost of that call alone. Not part of the conformance matrix.
     */
    public static List<Scenario> baselines() {
        return BASELINES;
    }

    /** A scenario or a baseline by its id. */
    public static Optional<Scenario> byId(String id) {
        return java.util.stream.Stream.concat(ALL.stream(), BASELINES.stream())
                .filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The scenarios a selector names: a scenario id ("S3b-jvm"), or a case id ("S3") for all its
     * variants. Empty when it names nothing.
     */
    public static List<Scenario> select(String selector) {
        Optional<Scenario> exact = byId(selector);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        return ALL.stream().filter(s -> s.caseId().name().equalsIgnoreCase(selector)).toList();
    }

    /** Every word {@link #select} accepts, for error messages. */
    public static List<String> selectors() {
        Map<String, Boolean> words = new LinkedHashMap<>();
        ALL.forEach(s -> words.put(s.caseId().name(), true));
        ALL.forEach(s -> words.put(s.id(), true));
        return List.copyOf(words.keySet());
    }

    private static List<Scenario> buildBaselines() {
        return List.of(
                new Scenario("S2-arrived", CaseId.S2, "baseline: the read that reports an EOF already there", IN_PROCESS,
                        new Preparation(0, false, PeerData.NONE, 0, KIB),
                        Fault.CLOSE, READ_UNTIL_OUTCOME, Timing.OUTCOME_ALREADY_ARRIVED, READ_ONLY, Outcome.EOF),
                new Scenario("X1-arrived", CaseId.X1, "baseline: the read that reports an RST already there", IN_PROCESS,
                        new Preparation(0, false, PeerData.NONE, 0, KIB),
                        Fault.CLOSE_ABORTIVE, READ_UNTIL_OUTCOME, Timing.OUTCOME_ALREADY_ARRIVED, READ_ONLY, Outcome.RESET));
    }

    private static List<Scenario> build() {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("S2-inproc", CaseId.S2, "in-process peer closes", IN_PROCESS,
                new Preparation(0, false, PeerData.STREAM_DURING_PROBE, 256 * KIB, KIB),
                Fault.CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
        for (PeerRuntime rt : List.of(JVM_CHILD, BASH_CHILD)) {
            String r = rt.label();
            s.add(new Scenario("S2-" + r, CaseId.S2, "child closes, then exits", rt,
                    new Preparation(0, false, PeerData.STREAM_DURING_PROBE, 256 * KIB, 16 * KIB),
                    Fault.CLOSE_THEN_EXIT, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
        }
        for (PeerRuntime rt : List.of(JVM_CHILD, BASH_CHILD)) {
            String r = rt.label();
            s.add(new Scenario("S3a-" + r, CaseId.S3, "a: child read all it was sent", rt,
                    new Preparation(4 * KIB, true, PeerData.STREAM_DURING_PROBE, 256 * KIB, 16 * KIB),
                    Fault.EXIT_WITHOUT_CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
            s.add(new Scenario("S3b-" + r, CaseId.S3, "b: child dies with unread data", rt,
                    new Preparation(4 * KIB, false, PeerData.STREAM_DURING_PROBE, 256 * KIB, 16 * KIB),
                    Fault.EXIT_WITHOUT_CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.RESET));
        }
        for (PeerRuntime rt : List.of(JVM_CHILD, BASH_CHILD)) {
            String r = rt.label();
            s.add(new Scenario("S4a-" + r, CaseId.S4, "a: child read all it was sent", rt,
                    new Preparation(4 * KIB, true, PeerData.STREAM_DURING_PROBE, 256 * KIB, 16 * KIB),
                    Fault.SIGKILL_WHILE_SENDING, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
            s.add(new Scenario("S4b-" + r, CaseId.S4, "b: child killed with unread data", rt,
                    new Preparation(4 * KIB, false, PeerData.STREAM_DURING_PROBE, 256 * KIB, 16 * KIB),
                    Fault.SIGKILL_WHILE_SENDING, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.RESET));
        }
        s.add(new Scenario("S5", CaseId.S5, "server keeps sending after the client's close", IN_PROCESS,
                new Preparation(0, false, PeerData.SENT_THEN_DRAINED, 64 * KIB, KIB),
                Fault.CLOSE, WRITE_UNTIL_ERROR, Timing.OBSERVER_ACTS_AFTER, STREAMING_WRITES, Outcome.BROKEN_PIPE));
        s.add(new Scenario("C1", CaseId.C1, "client sends packets after the server's close", IN_PROCESS,
                new Preparation(0, false, PeerData.NONE, 0, KIB),
                Fault.CLOSE, WRITE_UNTIL_ERROR, Timing.OBSERVER_ACTS_AFTER, PACKET_WRITES, Outcome.BROKEN_PIPE));
        s.add(new Scenario("C2a", CaseId.C2, "a: all server data already at the client", IN_PROCESS,
                new Preparation(0, false, PeerData.SENT_UNREAD, 16 * KIB, KIB),
                Fault.CLOSE, WRITE_ONCE_THEN_READ, Timing.OBSERVER_ACTS_AFTER, PACKET_WRITES, Outcome.EOF));
        s.add(new Scenario("C2b", CaseId.C2, "b: server data still queued at the server", IN_PROCESS,
                new Preparation(0, false, PeerData.FILL_UNREAD, 0, 64 * KIB),
                Fault.CLOSE, WRITE_ONCE_THEN_READ, Timing.OBSERVER_ACTS_AFTER, PACKET_WRITES, Outcome.RESET));
        s.add(new Scenario("C3a", CaseId.C3, "a: server data unread in the client's buffer", IN_PROCESS,
                new Preparation(4 * KIB, false, PeerData.SENT_UNREAD, 16 * KIB, KIB),
                Fault.CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_ACTS_AFTER, READ_ONLY, Outcome.RESET));
        s.add(new Scenario("C3b", CaseId.C3, "b: server's send queue still full", IN_PROCESS,
                new Preparation(4 * KIB, false, PeerData.FILL_UNREAD, 0, 64 * KIB),
                Fault.CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_ACTS_AFTER, READ_ONLY, Outcome.RESET));
        s.add(new Scenario("X1-linger0", CaseId.X1, "abortive close while the observer reads", IN_PROCESS,
                new Preparation(0, false, PeerData.STREAM_DURING_PROBE, 16 * KIB, KIB),
                Fault.CLOSE_ABORTIVE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.RESET));
        s.add(new Scenario("X2-halfclose", CaseId.X2, "half-close while the observer reads", IN_PROCESS,
                new Preparation(0, false, PeerData.STREAM_DURING_PROBE, 16 * KIB, KIB),
                Fault.SHUTDOWN_OUTPUT, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
        // Netty's native transports learn of the RST in their event loop while the observer is idle
        // (exceptionCaught, input shut down): its first write then meets a reset already consumed, EPIPE
        s.add(new Scenario("X3-rst-on-write", CaseId.X3, "RST while idle, noticed by a write", IN_PROCESS,
                new Preparation(4 * KIB, false, PeerData.NONE, 0, KIB),
                Fault.CLOSE, WRITE_UNTIL_ERROR, Timing.OBSERVER_ACTS_AFTER, STREAMING_WRITES, Outcome.RESET)
                .onModels(Map.of(Observer.NETTY_EPOLL, Outcome.BROKEN_PIPE, Observer.NETTY_IOURING, Outcome.BROKEN_PIPE)));
        return Collections.unmodifiableList(s);
    }
}
