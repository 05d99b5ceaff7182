package reproducer.netty.iouring;

import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reproducer.netty.iouring.LostResetReproducer.Driver;
import reproducer.netty.iouring.LostResetReproducer.Outcome;
import reproducer.netty.iouring.LostResetReproducer.Transport;

/**
 * The control: the same sequence as {@link LostResetTest}, with POLLIN armed one-shot
 * ({@code -Dio.netty.iouring.pollAddMultishotEnabled=false}, which Netty reads once; the build runs
 * this class in a JVM of its own with it): the next read arms a new poll, which finds the socket
 * readable at once, and the receive reports the reset.
 */
@Timeout(120)
class OneShotPollControlTest {

    @BeforeEach
    void ioUringWithOneShotPolls() {
        Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        Assumptions.assumeFalse(IoUring.isPollAddMultishotEnabled(),
                "needs -Dio.netty.iouring.pollAddMultishotEnabled=false (the build's one-shot-poll-control execution)");
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void withAOneShotPollTheResetThatComesWithUnreadDataIsReported(Driver driver) throws Exception {
        LostResetTest.everyHeldRepetition(Transport.IO_URING, driver, 16 * 1024, Outcome.RESET_REPORTED);
    }
}
