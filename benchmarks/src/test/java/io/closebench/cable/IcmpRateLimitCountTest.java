package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IcmpRateLimitCountTest {

    private static final String LINUX_6 = """
            Ip: Forwarding DefaultTTL InReceives
            Ip: 1 64 2
            Icmp: InMsgs InErrors InCsumErrors InDestUnreachs OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs
            Icmp: 190 10 0 190 190 0 57 3 190
            IcmpMsg: InType3 OutType3
            IcmpMsg: 190 190
            """;

    @Test
    void sumsTheGlobalAndThePerHostLimitByName() {
        assertThat(IcmpRateLimitCount.parse(LINUX_6)).isEqualTo(60);
    }

    @Test
    void aKernelWithoutTheCountersSaysSoInsteadOfZero() {
        String linux5 = LINUX_6.replace(" OutRateLimitGlobal OutRateLimitHost", "").replace(" 57 3", "");
        assertThat(IcmpRateLimitCount.parse(linux5)).isEqualTo(IcmpRateLimitCount.NOT_COUNTED);
        assertThat(IcmpRateLimitCount.parse("")).isEqualTo(IcmpRateLimitCount.NOT_COUNTED);
        assertThat(IcmpRateLimitCount.between(5, IcmpRateLimitCount.NOT_COUNTED)).isEqualTo(IcmpRateLimitCount.NOT_COUNTED);
        assertThat(IcmpRateLimitCount.between(5, 12)).isEqualTo(7);
    }
}
