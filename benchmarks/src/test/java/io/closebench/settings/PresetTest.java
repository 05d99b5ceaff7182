package io.closebench.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.Theory;
import io.closebench.cable.UserTimeout;
import io.closebench.schema.Observer;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each preset expands to the values its source gives (docs/settings.md cites them). */
@Timeout(10)
class PresetTest {

    private static final long S = 1_000_000_000L;

    @Test
    void goIsKeepaliveFifteenSecondsThenFifteenSecondsNineTimes() {
        assertThat(Preset.GO.settings().keepalive()).contains(new TcpKeepalive(15, 15, 9));
        assertThat(Preset.GO.settings().nominalNanos(CableFault.PULLED_IDLE, 15)).isEqualTo(150 * S);
    }

    @Test
    void redisIsTcpKeepalive300WhichAnetSpreadsOverThreeProbesAThirdApart() {
        assertThat(Preset.REDIS.settings().keepalive()).contains(new TcpKeepalive(300, 100, 3));
        assertThat(Preset.REDIS.settings().nominalNanos(CableFault.PULLED_IDLE, 15)).isEqualTo(600 * S);
    }

    @Test
    void linuxIsTheKernelsKeepaliveDefaultsAndItsRetransmissionLimit() {
        assertThat(Preset.LINUX.settings().keepalive()).contains(new TcpKeepalive(7200, 75, 9));
        assertThat(Preset.LINUX.settings().nominalNanos(CableFault.PULLED_IDLE, 15)).isEqualTo(7875 * S);
        assertThat(Preset.LINUX.settings().nominalNanos(CableFault.PULLED_SENDING, 15)).isEqualTo(924_600_000_000L);
        assertThat(Preset.LINUX.settings().serverSysctls()).isEmpty();
    }

    @Test
    void nodeIsLibuvsOneSecondIntervalAndTenProbesAfterTheAgentsOneSecondDelay() {
        assertThat(Preset.NODE.settings().keepalive()).contains(new TcpKeepalive(1, 1, 10));
    }

    @Test
    void grpcIsAPingTenSecondsAfterTheLastReadTwentySecondsToAnswerAndTheSameUserTimeout() {
        assertThat(Preset.GRPC.settings().heartbeat()).contains(new AppHeartbeat(10_000, 3));
        assertThat(Preset.GRPC.settings().heartbeat().orElseThrow().deadAfterNanos()).isEqualTo((10 + 20) * S);
        assertThat(Preset.GRPC.settings().userTimeout()).contains(new UserTimeout(20_000));
        assertThat(Preset.GRPC.observer()).isEqualTo(Observer.NETTY_EPOLL);
    }

    @Test
    void clientGoIsAPingAfterThirtySecondsIdleAndFifteenSecondsToAnswer() {
        assertThat(Preset.CLIENT_GO.settings().heartbeat().orElseThrow().deadAfterNanos()).isEqualTo((30 + 15) * S);
    }

    @Test
    void etcdIsAHundredMillisecondHeartbeatAndAOneSecondElection() {
        AppHeartbeat hb = Preset.ETCD.settings().heartbeat().orElseThrow();
        assertThat(hb.intervalMillis()).isEqualTo(100);
        assertThat(hb.deadAfterNanos()).isEqualTo(S);
    }

    @Test
    void kafkaIsAThirtySecondTimerOverEachRequest() {
        assertThat(Preset.KAFKA.settings().readDeadline()).contains(new ReadDeadline(30_000));
    }

    @Test
    void theJdkAndPgjdbcSetNothingSoAnIdleDeadPeerIsNeverNoticed() {
        for (Preset p : new Preset[] {Preset.JDK, Preset.PGJDBC}) {
            assertThat(p.settings().parts()).as(p.id()).isEmpty();
            assertThat(p.settings().nominalNanos(CableFault.PULLED_IDLE, 15)).isEqualTo(Theory.NEVER);
        }
    }

    @Test
    void everyPresetHasASourceAnUniqueNameAndAnObserverThatCanApplyIt() {
        assertThat(new HashSet<>(Preset.ids())).hasSize(Preset.values().length);
        for (Preset p : Preset.values()) {
            assertThat(p.source()).as(p.id()).isNotBlank();
            assertThat(p.settings().label()).isEqualTo(p.id());
            assertThat(p.settings().observers()).as(p.id()).contains(p.observer());
            assertThat(Preset.byId(p.id().toUpperCase())).contains(p);
        }
        assertThat(Preset.byId("tomcat")).isEmpty();
    }
}
