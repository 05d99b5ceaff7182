package reproducer.netty.iouring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.uring.IoUring;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reproducer.netty.iouring.LostResetReproducer.Driver;
import reproducer.netty.iouring.LostResetReproducer.Outcome;
import reproducer.netty.iouring.LostResetReproducer.Result;
import reproducer.netty.iouring.LostResetReproducer.Transport;

/**
 * What Netty's io_uring transport does, on its defaults (POLLIN armed as a multishot poll), when a
 * peer's RST comes with data still unread and the reader reads on demand (auto-read off): it reads
 * the data and never reports the reset; the next write does. Every test is bounded; each repetition
 * is classified by {@link LostResetReproducer}, whose "lost" needs the write to fail with ECONNRESET,
 * so that a slow loop cannot pass for a lost reset.
 *
 * <p>These tests assert what Netty 4.2.18.Final does. To file the bug, the first one asserts the
 * opposite: {@code assertEquals(Outcome.RESET_REPORTED, ...)}.
 */
@Timeout(120)
class LostResetTest {

    private static final int REPETITIONS = 20;
    private static final int PEER_BYTES = 16 * 1024;

    @BeforeEach
    void ioUringWithItsDefaults() {
        Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        Assumptions.assumeTrue(IoUring.isPollAddMultishotEnabled(),
                "POLLIN is armed one-shot in this JVM (io.netty.iouring.pollAddMultishotEnabled=false): see OneShotPollControlTest");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void aResetThatComesWithUnreadDataIsNeverReportedToTheReader(Driver driver) throws Exception {
        everyHeldRepetition(Transport.IO_URING, driver, PEER_BYTES, Outcome.RESET_LOST);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void withNothingUnreadTheSameResetIsReported(Driver driver) throws Exception {
        everyHeldRepetition(Transport.IO_URING, driver, 0, Outcome.RESET_REPORTED);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void nettysNioTransportReportsTheResetAfterTheSameSequence(Driver driver) throws Exception {
        everyHeldRepetition(Transport.NIO, driver, PEER_BYTES, Outcome.RESET_REPORTED);
    }

    /**
     * {@link #REPETITIONS} times the held sequence ({@link LostResetReproducer#resetWhileTheLoopIsHeld}),
     * each with {@code expected}; every byte the peer sent is read, whatever happens to the reset.
     */
    static void everyHeldRepetition(Transport transport, Driver driver, int peerBytes, Outcome expected) throws Exception {
        try (LostResetReproducer r = new LostResetReproducer(transport, driver)) {
            for (int i = 0; i < REPETITIONS; i++) {
                Result result = r.resetWhileTheLoopIsHeld(peerBytes);
                assertEquals(expected, result.outcome(), "repetition " + i + ": " + result);
                assertEquals(peerBytes, result.bytesRead(), "the data before the RST was read: " + result);
            }
        }
    }

    /**
     * A race: whether the RST finds data unread varies, so the counts vary; what cannot is that
     * each repetition is one of the two; the counts are printed.
     */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void aPeerThatStreamsThenResetsIsEitherReportedOrLostAndNeverAnythingElse(Driver driver) throws Exception {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        try (LostResetReproducer r = new LostResetReproducer(Transport.IO_URING, driver)) {
            for (int i = 0; i < 5 * REPETITIONS; i++) {
                Result result = r.resetWhileStreaming(PEER_BYTES, 1024);
                assertTrue(result.outcome() != Outcome.OTHER, "repetition " + i + ": " + result);
                counts.merge(result.outcome(), 1, Integer::sum);
            }
        }
        System.out.println(driver + ", " + PEER_BYTES + " B in 1 KiB writes, then RST: " + counts);
    }
}
