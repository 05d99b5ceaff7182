package io.closebench.cable;

/**
 * What a detection mechanism's settings predict for one connection: how long after which instant
 * it ends (or that it never does), and why. The measured time is compared with it from the same
 * instant, so that the ratio measured / theoretical reads 1.0 when the kernel or the application
 * did exactly what its settings say.
 *
 * @param reference  the instant the bound counts from
 * @param boundNanos the predicted time after {@code reference}; {@link #NEVER} when nothing will
 *                   ever end the connection, {@link #NOT_PREDICTED} when the server's settings do
 *                   not decide it
 * @param why        the prediction in a few words, with the numbers
 * @param atTheLatest the bound is an upper limit only (the exact instant depends on something the
 *                   harness cannot see)
 */
public record Theory(Reference reference, long boundNanos, String why, boolean atTheLatest) {

    public static final long NEVER = Long.MAX_VALUE;
    /** The server's settings do not decide it (the client's surviving kernel does): no bound. */
    public static final long NOT_PREDICTED = -1;

    /** The instants a prediction can count from. */
    public enum Reference {
        /**
         * The last segment the server's kernel received from the client (its {@code ss -i}
         * {@code lastrcv} / {@code lastack}): where keepalive counts from, and, on a link with a
         * sub-millisecond RTT, when the first unacknowledged send left (within one stream period).
         */
        LAST_PEER_SEGMENT("after the last segment from the peer"),
        /**
         * The first segment the peer never acknowledged: the server's first send after its end of the
         * cable lost carrier. Retransmission timeouts and {@code TCP_USER_TIMEOUT} count from here.
         */
        FIRST_UNACKED_SEND("after the first unacknowledged send"),
        /** The last byte the server application read (or the start, if it read none). */
        LAST_READ("after the last byte read"),
        /** The moment the cable was plugged back in. */
        PLUG("after the plug"),
        /**
         * When the server's zero-window probing began for good: the last expiry of its persist
         * timer before the probes back off (seen by polling {@code ss -o}). Where
         * {@code TCP_USER_TIMEOUT} counts a closed window from: the kernel starts that count at
         * the persist timer's first expiry and starts it again whenever a probe found the window
         * open a crack and moved bytes (the receiver collapsed its queue), which happens with the
         * first probe or two, not later.
         */
        WINDOW_PROBING("after the window probing began"),
        /** Right before the server's connect call: its first SYN. */
        CONNECT("after the connect call");

        private final String phrase;

        Reference(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    public Theory(Reference reference, long boundNanos, String why) {
        this(reference, boundNanos, why, false);
    }

    public static Theory never(Reference reference, String why) {
        return new Theory(reference, NEVER, why);
    }

    public static Theory notPredicted(Reference reference, String why) {
        return new Theory(reference, NOT_PREDICTED, why);
    }

    public boolean isNever() {
        return boundNanos == NEVER;
    }

    /** A finite predicted time: the ratio measured / theoretical means something. */
    public boolean isFinite() {
        return boundNanos != NEVER && boundNanos != NOT_PREDICTED;
    }

    /** The reference instant on the {@code System.nanoTime()} scale, for one connection. */
    public long referenceInstant(ConnectionTimeline t) {
        return switch (reference) {
            case LAST_PEER_SEGMENT -> t.lastPeerSegmentAt();
            case FIRST_UNACKED_SEND -> t.firstUnackedSendAt() > 0 ? t.firstUnackedSendAt() : t.lastPeerSegmentAt();
            case LAST_READ -> t.lastReadAt();
            case PLUG -> t.plugAt();
            case WINDOW_PROBING -> t.windowProbingFrom();
            case CONNECT -> t.firstUnackedSendAt();
        };
    }
}
