package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetransmissionTimeoutModelTest {

    @Test
    void givesTheKernelsOwnTimeoutsForTcpRetries2() {
        // tcp_model_timeout(): 200 ms x (2^(n+1) - 1) up to the RTO cap, then 120 s per retry
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(15)).isEqualTo(924_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(3)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(5)).isEqualTo(12_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(9)).isEqualTo(204_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(10)).isEqualTo(324_600_000_000L);
    }

    @Test
    void retransmitsWithDoublingBackoff() {
        assertThat(RetransmissionTimeoutModel.retransmissionAtNanos(1)).isEqualTo(200_000_000L);
        assertThat(RetransmissionTimeoutModel.retransmissionAtNanos(4)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.nextRetransmissionNanos(2_000_000_000L)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.nextRetransmissionNanos(600_000_000L)).isEqualTo(600_000_000L);
    }

    @Test
    void keepaliveDefaultsTakeMoreThanTwoHours() {
        assertThat(KernelDefaults.KEEPALIVE_DEFAULTS_NANOS).isEqualTo(7875_000_000_000L);
        assertThat(new TcpKeepalive(2, 1, 3).giveUpNanos()).isEqualTo(5_000_000_000L);
    }
}
