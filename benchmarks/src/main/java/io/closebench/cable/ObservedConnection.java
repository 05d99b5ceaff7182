package io.closebench.cable;

import io.closebench.schema.DetectedBy;

import io.closebench.schema.Outcome;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One server-side connection's state and rules, the same for every observer: which timers can end
 * it (the bound, a read deadline, the heartbeat), what it must send and when (pings, stream
 * chunks), what a read of the peer's bytes means (a pong; after the plug, recovery), and the
 * one-time decision of its fate. The observers differ only in how they wait and do I/O.
 *
 * <p>Thread-safety: the decision is a compare-and-set, so a reader and a writer that both see an
 * error report only the first; the read and write bookkeeping is owned by one thread each.
 */
public final class ObservedConnection {

    public static final byte PING = 'P';
    public static final byte PONG = 'p';
    public static final byte FILL = 'x';

    private final ServerGroupSpec group;
    private final int index;
    private final int remotePort;
    private final TrialControl control;
    private final AtomicReference<Decision> decision = new AtomicReference<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile long lastReadAt = -1;
    private volatile long lastPongAt = -1;
    private volatile long pongs;
    private volatile long firstUnackedSendAt = -1;
    private long nextPingAt = Long.MAX_VALUE;
    private long nextChunkAt = Long.MAX_VALUE;
    private int streamed;

    public ObservedConnection(ServerGroupSpec group, int index, int remotePort, TrialControl control) {
        this.group = group;
        this.index = index;
        this.remotePort = remotePort;
        this.control = control;
    }

    public int remotePort() {
        return remotePort;
    }

    public Mechanism mechanism() {
        return group.mechanism();
    }

    /** Observation starts: timers count from here, the first ping and chunk are due now. */
    public void start(long now) {
        lastReadAt = now;
        lastPongAt = now;
        if (group.mechanism().heartbeat().isPresent()) {
            nextPingAt = now;
        }
        if (group.workload() == Workload.STREAM) {
            nextChunkAt = now;
        }
    }

    public boolean isDecided() {
        return decision.get() != null;
    }

    /** The next instant a timer can decide this connection. */
    public long timerDue() {
        return Math.min(control.deadline(), Math.min(readDue(), pongDue()));
    }

    /** The decision of the earliest timer that has expired at {@code now}, or null. */
    public Decision expiredTimer(long now) {
        long readDue = readDue();
        long pongDue = pongDue();
        long boundDue = control.deadline();
        long first = Math.min(boundDue, Math.min(readDue, pongDue));
        if (now - first < 0) {
            return null;
        }
        if (first == readDue) {
            return Decision.timer(Outcome.TIMEOUT, DetectedBy.READ_DEADLINE, now, lastReadAt);
        }
        if (first == pongDue) {
            return Decision.timer(Outcome.HEARTBEAT_MISSED, DetectedBy.HEARTBEAT, now, lastReadAt);
        }
        return Decision.timer(Outcome.TIMEOUT, DetectedBy.BOUND, now, lastReadAt);
    }

    /** When the read deadline fires unless a byte is read first; {@code Long.MAX_VALUE} without one. */
    private long readDue() {
        return group.mechanism().readDeadline().map(rd -> lastReadAt + rd.millis() * 1_000_000L).orElse(Long.MAX_VALUE);
    }

    /** When the heartbeat declares the peer dead unless a pong comes first; {@code Long.MAX_VALUE} without one. */
    private long pongDue() {
        return group.mechanism().heartbeat().map(hb -> lastPongAt + hb.deadAfterNanos()).orElse(Long.MAX_VALUE);
    }

    /**
     * {@code n} bytes of the peer's were read at {@code t}: they count as pongs, and a pong after the
     * plug proves that data flows again. Returns the recovery decision, or null.
     */
    public Decision onRead(java.nio.ByteBuffer data, long t) {
        long before = lastReadAt;
        int p = 0;
        for (int i = data.position(); i < data.limit(); i++) {
            if (data.get(i) == PONG) {
                p++;
            }
        }
        lastReadAt = t;
        if (p > 0) {
            pongs += p;
            lastPongAt = t;
            long plug = control.plugAt();
            if (plug > 0 && t - plug > 0) {
                return new Decision(Outcome.NONE, DetectedBy.RECOVERY, t, "", "", before);
            }
        }
        return null;
    }

    /** The last byte read so far (the start if none), for a decision taken now. */
    public long lastReadAtForReport() {
        return lastReadAt;
    }

    /**
     * How long a write may block: until the bound once the fault happened; before that, until the
     * child's own time cap ends everything anyway.
     */
    public long writeDeadline() {
        long bound = control.deadline();
        return bound == Long.MAX_VALUE ? System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10) : bound;
    }

    /** When the next ping or chunk is due; {@code Long.MAX_VALUE} when nothing more will be sent. */
    public long writeDue() {
        return isDecided() ? Long.MAX_VALUE : Math.min(nextPingAt, nextChunkAt);
    }

    /** Takes what is due at {@code now}: a stream chunk ending in a ping, and/or a ping. */
    public byte[] takeDueWrites(long now) {
        int size = 0;
        boolean chunk = now - nextChunkAt >= 0;
        boolean ping = now - nextPingAt >= 0;
        if (chunk) {
            size += Workload.CHUNK_BYTES;
            streamed += Workload.CHUNK_BYTES;
            nextChunkAt = streamed + Workload.CHUNK_BYTES > Workload.CAP_BYTES ? Long.MAX_VALUE
                    : nextChunkAt + Workload.PERIOD.toNanos();
        }
        if (ping) {
            size += 1;
            nextPingAt += group.mechanism().heartbeat().orElseThrow().intervalNanos();
        }
        byte[] bytes = new byte[size];
        if (chunk) {
            Arrays.fill(bytes, 0, Workload.CHUNK_BYTES - 1, FILL);
            bytes[Workload.CHUNK_BYTES - 1] = PING;
        }
        if (ping) {
            bytes[size - 1] = PING;
        }
        return bytes;
    }

    /** A reconnect's connect call is about to be made: its SYN is the first segment nobody acknowledges. */
    public void connecting(long at) {
        firstUnackedSendAt = at;
    }

    /** The kernel accepted {@code n} bytes of a write that started at {@code startedAt}. */
    public void wrote(int n, long startedAt) {
        bytesWritten.addAndGet(n);
        long lost = control.carrierLostAt();
        if (n > 0 && firstUnackedSendAt < 0 && lost > 0 && startedAt - lost >= 0) {
            firstUnackedSendAt = startedAt;
        }
    }

    /** Decides, once: true for the caller whose decision stands (it then does the follow-up and reports). */
    public boolean decide(Decision d) {
        return decision.compareAndSet(null, d);
    }

    /** Reports the standing decision with what the follow-up write returned. */
    public void report(String nextWrite) {
        Decision d = decision.get();
        control.decided(new OutcomeLine(group.id(), index, remotePort, d.outcome(), d.detectedBy(), d.t1(), d.lastReadAt(),
                d.exceptionClass(), d.message(), nextWrite, bytesWritten.get(), pongs, firstUnackedSendAt));
    }
}
