package io.closebench.remote;

import java.util.Comparator;
import java.util.List;

/**
 * The offset between this host's clock ({@code System.nanoTime()}) and a peer agent's, estimated as
 * NTP does: over many round trips on the control connection, the exchange with the smallest round
 * trip is kept, and the offset is the mean of its two one-way differences; the true offset lies
 * within half that round trip of it (whatever the asymmetry of the path), plus what the two clocks
 * may have drifted apart between the exchange and the instant converted.
 *
 * <p>Drift: a clock disciplined by NTP is slewed by at most 500 ppm (Linux's adjtimex limit), so two
 * of them part by at most {@value #MAX_DRIFT_PPM} ppm; the bound adds that times the distance in
 * time between the exchange and the instant converted. The exchanges are made right after the fault,
 * so this part is small (1 us per ms).
 */
public final class ClockOffset {

    /** How fast two hosts' clocks may part, parts per million. */
    public static final long MAX_DRIFT_PPM = 1000;

    private ClockOffset() {
    }

    /**
     * One TIME exchange: this host's clock when the request left and when the answer came back, the
     * agent's when the request arrived and when the answer left.
     */
    public record Exchange(long sentAt, long agentReceivedAt, long agentSentAt, long receivedAt) {

        /** The round trip the network took, the agent's own time in between taken out. */
        public long roundTrip() {
            return (receivedAt - sentAt) - (agentSentAt - agentReceivedAt);
        }

        /** The agent's clock minus this host's, as this exchange sees it. */
        public long agentMinusLocal() {
            return Math.floorDiv((agentReceivedAt - sentAt) + (agentSentAt - receivedAt), 2);
        }
    }

    /**
     * An estimate of the offset, from its best exchange.
     *
     * @param agentMinusLocal the agent's clock minus this host's, ns
     * @param roundTrip       the best exchange's round trip, ns: the figure's error is within half of it
     * @param measuredAt      this host's clock at the middle of that exchange
     * @param exchanges       how many exchanges it was chosen from
     */
    public record Estimate(long agentMinusLocal, long roundTrip, long measuredAt, int exchanges) {

        /** An instant of the agent's clock on this host's. */
        public long toLocal(long agentNanos) {
            return agentNanos - agentMinusLocal;
        }

        /** An instant of this host's clock on the agent's. */
        public long toAgent(long localNanos) {
            return localNanos + agentMinusLocal;
        }

        /**
         * How far the true instant can be from {@link #toLocal} of one near {@code localInstant}: half the
         * round trip (rounded up), plus the drift between the exchange and that instant.
         */
        public long boundAt(long localInstant) {
            long distance = Math.abs(localInstant - measuredAt);
            return (roundTrip + 1) / 2 + distance / 1_000_000 * MAX_DRIFT_PPM + (distance % 1_000_000) * MAX_DRIFT_PPM / 1_000_000;
        }
    }

    /** The estimate from {@code exchanges}: the one with the smallest round trip. */
    public static Estimate best(List<Exchange> exchanges) {
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException("no exchange to estimate from");
        }
        Exchange e = exchanges.stream().min(Comparator.comparingLong(Exchange::roundTrip)).get();
        return new Estimate(e.agentMinusLocal(), Math.max(0, e.roundTrip()), e.sentAt + (e.receivedAt - e.sentAt) / 2,
                exchanges.size());
    }
}
