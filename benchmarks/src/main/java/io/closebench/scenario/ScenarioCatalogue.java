package io.closebench.scenario;

import io.closebench.cable.CableFault;
import io.closebench.fault.PeerData;
import static io.closebench.fault.PeerRuntime.BASH_CHILD;
import static io.closebench.fault.PeerRuntime.IN_PROCESS;
import static io.closebench.fault.PeerRuntime.JVM_CHILD;
import static io.closebench.observe.Probe.READ_SLOWLY;
import static io.closebench.observe.Probe.READ_UNTIL_OUTCOME;
import static io.closebench.observe.Probe.WRITE_BLOCKED;
import static io.closebench.observe.Probe.WRITE_ONCE_THEN_READ;
import static io.closebench.observe.Probe.WRITE_UNTIL_ERROR;

import io.closebench.fault.Fault;
import io.closebench.fault.PeerChannel;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.ProbeLimits;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.time.Duration;
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
 * <p>S1 and its relatives are the faults of the namespace topology ({@link CableFault}: a pulled
 * cable, a reboot, a frozen or non-reading peer, a reconnect to a dead host), named S1a to S1g' and
 * run as trials of many connections, every mechanism beside the others ({@link #pulledCable()}).
 */
public final class ScenarioCatalogue {

    private static final int KIB = 1024;
    private static final ProbeLimits READ_ONLY = new ProbeLimits(64, 1);
    /** A sender that keeps going: 1 KiB writes, at most 1000 of them before concluding "nothing". */
    private static final ProbeLimits STREAMING_WRITES = new ProbeLimits(KIB, 1000);
    /** The note's C1 "packets": small writes. */
    private static final ProbeLimits PACKET_WRITES = new ProbeLimits(64, 1000);
    /** X5: one write of 32 MiB, eight times what loopback's buffers hold here with a peer that does not read. */
    private static final ProbeLimits ONE_HUGE_WRITE = new ProbeLimits(32 * KIB * KIB, 1);
    /**
     * X4: a read that another thread's close() should end at once; 50 ms is thousands of times what
     * it takes, and what the NIO read, whose selector nothing wakes, waits before it is a TIMEOUT.
     */
    private static final ProbeLimits READ_ENDED_LOCALLY = READ_ONLY.withPatience(Duration.ofMillis(50));
    /** X8a: a read for an RST that never leaves while the peer's selector sleeps: 10 ms is a hundred RSTs' time. */
    private static final ProbeLimits READ_FOR_A_DEFERRED_RST = READ_ONLY.withPatience(Duration.ofMillis(10));

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

    /** S1's variants, the faults of the namespace topology, in the note's order of letters. */
    public static List<CableFault> pulledCable() {
        return List.of(CableFault.values());
    }

    /** The S1 variants a selector names: "S1" for all of them, or one by its id ("S1b", "S1g'"). */
    public static List<CableFault> selectPulledCable(String selector) {
        if (selector.equalsIgnoreCase(CaseId.S1.name())) {
            return pulledCable();
        }
        return pulledCable().stream().filter(f -> f.scenarioId().equalsIgnoreCase(selector)).toList();
    }

    /** Every word {@link #select} and {@link #selectPulledCable} accept, for error messages. */
    public static List<String> selectors() {
        Map<String, Boolean> words = new LinkedHashMap<>();
        words.put(CaseId.S1.name(), true);
        pulledCable().forEach(f -> words.put(f.scenarioId(), true));
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

    /**
     * X4-X8: a local close, a blocked writer, a lingering close, an RST over unread data and a
     * registered peer's close. Where a model reports something else, {@code onModels} says what, and
     * why, next to it.
     */
    private static List<Scenario> beyondTheNote() {
        Preparation nothing = new Preparation(0, false, PeerData.NONE, 0, KIB);
        Preparation peerStoppedReading = new Preparation(0, false, PeerData.OBSERVER_FILLS, 0, KIB);
        // the peer's send buffer at 64 KiB: about 160 KiB in flight, not megabytes, so a slow reader drains it in milliseconds
        Preparation queuedAtPeer = new Preparation(0, false, PeerData.FILL_UNREAD, 64 * KIB, 64 * KIB);
        List<Scenario> s = new ArrayList<>();
        // closing a registered channel does not wake the selector the NIO read waits in: nothing ends that read;
        // in C, close() from another thread wakes neither a blocked recv() nor epoll_wait()
        s.add(new Scenario("X4-local-close", CaseId.X4, "another thread closes the observer's socket", IN_PROCESS,
                nothing, Fault.LOCAL_CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ENDED_LOCALLY,
                Outcome.CLOSED_LOCALLY).onModels(Map.of(Observer.NIO, Outcome.TIMEOUT, Observer.NATIVE, Outcome.TIMEOUT,
                Observer.NATIVE_EPOLL, Outcome.TIMEOUT, Observer.NATIVE_NOSIGNAL, Outcome.TIMEOUT)));
        s.add(new Scenario("X5a-unread", CaseId.X5, "a: peer closes with unread data", IN_PROCESS, peerStoppedReading,
                Fault.CLOSE, WRITE_BLOCKED, Timing.OBSERVER_WAITS, ONE_HUGE_WRITE, Outcome.RESET));
        s.add(new Scenario("X5b-linger0", CaseId.X5, "b: peer aborts with SO_LINGER=0", IN_PROCESS, peerStoppedReading,
                Fault.CLOSE_ABORTIVE, WRITE_BLOCKED, Timing.OBSERVER_WAITS, ONE_HUGE_WRITE, Outcome.RESET));
        // the same lingering close, with the peer's channel held three ways: blocking, non-blocking, registered
        record Lingering(String id, String variant, PeerChannel channel) {
        }
        for (Lingering l : List.of(new Lingering("X6a-blocking", "a: peer's channel blocking", PeerChannel.BLOCKING),
                new Lingering("X6b-nonblocking", "b: non-blocking, not registered", PeerChannel.NON_BLOCKING),
                new Lingering("X6c-registered", "c: registered with a selector", PeerChannel.REGISTERED_WOKEN))) {
            s.add(new Scenario(l.id(), CaseId.X6, l.variant(), IN_PROCESS, withPeerChannel(queuedAtPeer, l.channel()),
                    Fault.CLOSE_LINGERING, READ_SLOWLY, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
        }
        // Netty's epoll transport reads the data and the reset in its event loop before the write (as in X3): EPIPE
        s.add(new Scenario("X7-rst-unread", CaseId.X7, "RST over 16 KiB unread; write, then read", IN_PROCESS,
                new Preparation(0, false, PeerData.SENT_UNREAD, 16 * KIB, KIB),
                Fault.CLOSE_ABORTIVE, WRITE_ONCE_THEN_READ, Timing.OBSERVER_ACTS_AFTER, PACKET_WRITES, Outcome.RESET)
                .onModels(Map.of(Observer.NETTY_EPOLL, Outcome.BROKEN_PIPE)));
        s.add(new Scenario("X8a-asleep", CaseId.X8, "a: SO_LINGER=0, server's selector asleep", IN_PROCESS,
                withPeerChannel(nothing, PeerChannel.REGISTERED_ASLEEP),
                Fault.CLOSE_ABORTIVE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_FOR_A_DEFERRED_RST, Outcome.TIMEOUT));
        s.add(new Scenario("X8b-woken", CaseId.X8, "b: SO_LINGER=0, server's selector selects again", IN_PROCESS,
                withPeerChannel(nothing, PeerChannel.REGISTERED_WOKEN),
                Fault.CLOSE_ABORTIVE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.RESET));
        s.add(new Scenario("X8c-unread", CaseId.X8, "c: unread data, server's selector selects again", IN_PROCESS,
                new Preparation(4 * KIB, false, PeerData.NONE, 0, KIB, PeerChannel.REGISTERED_WOKEN),
                Fault.CLOSE, READ_UNTIL_OUTCOME, Timing.OBSERVER_WAITS, READ_ONLY, Outcome.EOF));
        return s;
    }

    private static Preparation withPeerChannel(Preparation p, PeerChannel channel) {
        return new Preparation(p.observerSends(), p.peerReadsIt(), p.peerData(), p.peerBytes(), p.peerWriteSize(), channel);
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
        s.addAll(beyondTheNote());
        return Collections.unmodifiableList(s);
    }
}
