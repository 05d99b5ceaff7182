package io.closebench.massdeath;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.Mechanism;
import io.closebench.fault.MassFault;
import io.closebench.observe.EveryModel;
import io.closebench.placement.CpuPlan;
import io.closebench.remote.AgentInNamespace;
import io.closebench.remote.RemoteHome;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mass death with the N connections held on the peer's host (a peer agent in a namespace of its own):
 * N = 1000 for every loopback fault, every connection accounted for with the outcome Linux gives, t0
 * the peer's host's, converted with its bound; a host that reboots (HOST) is the peer's host, its cable
 * pulled by the agent's nftables rule; nothing left on that host afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class RemoteMassDeathTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int N = 1000;

    private AgentInNamespace agent;
    private RemoteHome home;

    @BeforeAll
    void start() throws Exception {
        agent = AgentInNamespace.start();
        home = agent.connect();
    }

    @AfterAll
    void stop() throws Exception {
        if (home != null) {
            home.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"KILL, NIO", "KILL_UNREAD, NIO", "ABORT, NIO", "KILL, BLOCKING", "ABORT, NETTY_EPOLL"})
    void aThousandPeersOnAnotherHostDieAndEveryOneIsAccountedFor(MassFault fault, Observer observer) throws Exception {
        EveryModel.assumeRunsHere(observer);
        MassDeathResult r = MassDeathTrial.run(new MassDeathSpec(fault, observer, N, CpuPlan.of(Placement.OS), 0, BOUND,
                Optional.empty()), 1, home);

        assertThat(r.failure()).as("trial failure").isEmpty();
        assertThat(r.detected()).as("detected by the bound, " + r.outcomeCounts()).isEqualTo(N);
        assertThat(Arrays.stream(r.outcomes()).distinct()).as(r.outcomeCounts()).containsExactly(fault.expected());
        assertThat(Arrays.stream(r.latencyNanos()).boxed()).allSatisfy(l -> assertThat(l).isBetween(0L, BOUND.toNanos()));
        assertThat(r.rttNanos()).as("the round trip to the peer's host").isPositive();
        assertThat(r.t0BoundNanos()).as("t0 converted with half a round trip's bound at least")
                .isGreaterThanOrEqualTo(r.rttNanos() / 2);
        assertThat(r.peerCpuNanos()).as("the peer's work is on its own host").isZero();
        assertThat(agent.othersInside(Duration.ofSeconds(10))).as("the client process is gone").isEmpty();
    }

    @Test
    void tenPeersWhoseHostRebootsAreEachDetectedByTheServersKeepaliveAndTheHostsRuleIsGone() throws Exception {
        assertThat(home.cannotPull(io.closebench.cable.CableFault.HOST_REBOOTED, java.util.Map.of()))
                .as("the agent pulls, wipes and replugs").isEmpty();
        int n = 10;
        MassDeathResult r = MassDeathTrial.run(new MassDeathSpec(MassFault.HOST, Observer.NIO, n, CpuPlan.of(Placement.OS),
                0, BOUND, Optional.of(Mechanism.decode("KEEPALIVE:2:1:3"))), 1, home);

        assertThat(r.failure()).as("trial failure").isEmpty();
        assertThat(r.detected()).as("detected by the bound, " + r.outcomeCounts()).isEqualTo(n);
        assertThat(Arrays.stream(r.outcomes())).as(r.outcomeCounts()).allSatisfy(o -> assertThat(o.isDetection()).isTrue());
        assertThat(r.t0BoundNanos()).as("the pull's t0 is the peer's host's, converted").isPositive();
        assertThat(agent.tablesInside()).as("the pull's nftables table is gone").isEmpty();
        assertThat(agent.othersInside(Duration.ofSeconds(10))).as("the client process is gone").isEmpty();
    }
}
