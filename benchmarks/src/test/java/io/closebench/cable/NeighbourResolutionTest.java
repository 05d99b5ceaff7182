package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeighbourResolutionTest {

    private static final long S = 1_000_000_000L;
    /** Resolution started at 10 s, requests every 1 s, 3 of them: at 10, 11, 12 s; failed at 13 s. */
    private final NeighbourResolution arp = new NeighbourResolution(10 * S, S, 3);

    @Test
    void aSegmentQueuedDuringTheOutageLeavesWithTheFirstRequestAfterThePlug() {
        assertThat(arp.departure(10 * S, 10 * S + S / 2)).isEqualTo(11 * S);
        assertThat(arp.departure(10 * S + S / 4, 11 * S)).isEqualTo(11 * S);
    }

    @Test
    void aSegmentSentAfterTheResolutionCompletedLeavesAtOnce() {
        assertThat(arp.departure(11 * S + 1, 10 * S + S / 2)).isEqualTo(11 * S + 1);
    }

    @Test
    void whenEveryRequestWentOutBeforeThePlugOnlyAFreshSendAfterItCrosses() {
        assertThat(arp.completesAt(12 * S + 1)).isEqualTo(NeighbourResolution.UNKNOWN);
        assertThat(arp.departure(10 * S, 12 * S + 1)).isEqualTo(NeighbourResolution.UNKNOWN);
        assertThat(arp.departure(14 * S, 13 * S + S / 2)).isEqualTo(14 * S);
    }

    @Test
    void withoutAResolutionUnderWayASendWithTheCableBackCrossesAtOnce() {
        NeighbourResolution none = new NeighbourResolution(-1, S, 3);
        assertThat(none.departure(5 * S, 4 * S)).isEqualTo(5 * S);
        assertThat(none.departure(3 * S, 4 * S)).isEqualTo(NeighbourResolution.UNKNOWN);
    }
}
