package io.closebench.netns;

import static io.closebench.netns.HostPairLifecycleTest.probe;
import static io.closebench.netns.HostPairLifecycleTest.startEchoServer;
import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pulling the cable cuts the client off, observably and within bounded waits, and plugging it
 * back restores service as soon as {@link HostPair#plugCable()} returns.
 */
@ExtendWith(NoNamespaceLeftBehind.class)
class PulledCableTest {

    private static final Duration PROGRAM_WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void requireNamespaces() {
        assumeNamespaces();
    }

    @Test
    void newConnectionsFailWhilePulledAndSucceedRightAfterPlug() throws Exception {
        try (HostPair pair = HostPair.create(); RunningProgram echo = startEchoServer(pair)) {
            assertThat(probe(pair)).isEqualTo("OK ping");

            pair.pullCable();
            String whilePulled = probe(pair);
            assertThat(whilePulled).startsWith("FAILED ");

            pair.plugCable();
            assertThat(probe(pair)).as("first connect after plugCable returned")
                    .isEqualTo("OK ping");
        }
    }

    @Test
    void pulledCableShowsAsAdminDownAtTheClientAndAsCarrierLossAtTheServer() throws Exception {
        try (HostPair pair = HostPair.create()) {
            pair.pullCable();
            LinkState client = pair.clientLinkState();
            assertThat(client.adminUp()).as("client end %s", client).isFalse();
            assertThat(awaitServerCarrier(pair, false, Duration.ofSeconds(5)))
                    .as("server end lost carrier").isTrue();
            LinkState server = pair.serverLinkState();
            assertThat(server.adminUp()).as("server end stays admin up: %s", server).isTrue();

            pair.plugCable();
            assertThat(pair.clientLinkState().fullyUp()).isTrue();
            assertThat(pair.serverLinkState().fullyUp()).isTrue();
        }
    }

    @Test
    void establishedConnectionStallsWhilePulledAndDeliversAfterPlug() throws Exception {
        try (HostPair pair = HostPair.create(); RunningProgram echo = startEchoServer(pair);
             RunningProgram client = RunningProgram.start(pair.processIn(pair.clientNamespace(),
                     RunningProgram.javaMain(HeldConnectionClientMain.class,
                             pair.serverAddress().getHostAddress(), "7000", "120")))) {
            assertThat(client.nextLine(PROGRAM_WAIT)).isEqualTo("CONNECTED");
            client.send("send before 2000");
            assertThat(client.nextLine(PROGRAM_WAIT)).isEqualTo("SENT");
            assertThat(client.nextLine(PROGRAM_WAIT)).isEqualTo("ECHO before");

            pair.pullCable();
            client.send("send during 1000");
            assertThat(client.nextLine(PROGRAM_WAIT))
                    .as("write() only queues: it does not fail on a pulled cable")
                    .isEqualTo("SENT");
            assertThat(client.nextLine(PROGRAM_WAIT))
                    .as("no echo can arrive while the cable is out").isEqualTo("TIMEOUT");

            pair.plugCable();
            client.send("await 15000");
            assertThat(client.nextLine(PROGRAM_WAIT))
                    .as("the queued segment is retransmitted once the link is back")
                    .isEqualTo("ECHO during");
        }
    }

    /** Polls the server end's carrier (bounded); true once it equals {@code wanted}. */
    private static boolean awaitServerCarrier(HostPair pair, boolean wanted, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (pair.serverLinkState().carrier() == wanted) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
