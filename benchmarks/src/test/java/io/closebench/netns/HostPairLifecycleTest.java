package io.closebench.netns;

import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pair is really built, really usable end to end, and really gone afterwards. */
@ExtendWith(NoNamespaceLeftBehind.class)
class HostPairLifecycleTest {

    private static final Duration PROGRAM_WAIT = Duration.ofSeconds(20);
    private static final int PORT = 7000;

    @BeforeEach
    void requireNamespaces() {
        assumeNamespaces();
    }

    @Test
    void isCreatedUsableAndRemoved() throws Exception {
        HostPair pair = HostPair.create();
        try {
            assertThat(IpNetns.list()).contains(pair.serverNamespace(), pair.clientNamespace());
            assertThat(pair.serverNamespace()).startsWith(NamespaceNames.jvmPrefix())
                    .endsWith("-srv");
            assertThat(pair.clientNamespace()).startsWith(NamespaceNames.jvmPrefix())
                    .endsWith("-cli");

            LinkState clientEnd = pair.clientLinkState();
            LinkState serverEnd = pair.serverLinkState();
            assertThat(clientEnd.device()).isEqualTo(pair.clientDevice());
            assertThat(serverEnd.device()).isEqualTo(pair.serverDevice());
            assertThat(clientEnd.fullyUp()).as("client end %s", clientEnd).isTrue();
            assertThat(serverEnd.fullyUp()).as("server end %s", serverEnd).isTrue();
            assertThat(addressesIn(pair.clientNamespace(), pair.clientDevice()))
                    .contains(pair.clientAddress().getHostAddress() + "/30");
            assertThat(addressesIn(pair.serverNamespace(), pair.serverDevice()))
                    .contains(pair.serverAddress().getHostAddress() + "/30");
            assertThat(LinkState.parse(BoundedCommand.runChecked("ip", "-n",
                    pair.clientNamespace(), "-o", "link", "show", "dev", "lo").stdout()).adminUp())
                    .as("loopback up in client namespace").isTrue();

            try (RunningProgram echo = startEchoServer(pair)) {
                assertThat(probe(pair)).isEqualTo("OK ping");
            }
        } finally {
            pair.close();
        }
        assertThat(pair.isClosed()).isTrue();
        assertThat(IpNetns.list()).doesNotContain(pair.serverNamespace(), pair.clientNamespace());
        pair.close();
        assertThat(IpNetns.list()).doesNotContain(pair.serverNamespace(), pair.clientNamespace());
    }

    @Test
    void failingBodyInsideTryWithResourcesStillRemovesBothNamespaces() {
        List<String> names = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (HostPair pair = HostPair.create()) {
                names.add(pair.serverNamespace());
                names.add(pair.clientNamespace());
                throw new IllegalStateException("benchmark body failed");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("benchmark body failed");
        assertThat(names).hasSize(2);
        assertThat(IpNetns.list()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void closeStopsProcessesStillRunningInsideSoTheNamespaceReallyGoes() throws Exception {
        HostPair pair = HostPair.create();
        RunningProgram forgotten = null;
        try {
            forgotten = startEchoServer(pair);
            assertThat(IpNetns.pidsInside(pair.serverNamespace())).contains(forgotten.pid());
            pair.close();
            assertThat(forgotten.awaitExit(Duration.ofSeconds(10)))
                    .as("process left inside the namespace ended").isTrue();
            assertThat(IpNetns.list()).doesNotContain(pair.serverNamespace());
        } finally {
            if (forgotten != null) {
                forgotten.close();
            }
            pair.close();
        }
    }

    @Test
    void twoPairsGetDistinctNamesAndSubnets() {
        try (HostPair first = HostPair.create(); HostPair second = HostPair.create()) {
            assertThat(List.of(first.serverNamespace(), first.clientNamespace()))
                    .doesNotContainAnyElementsOf(List.of(second.serverNamespace(),
                            second.clientNamespace()));
            assertThat(first.serverAddress()).isNotEqualTo(second.serverAddress());
            assertThat(OpenPairsClosedAtShutdown.open()).contains(first, second);
        }
    }

    @Test
    void closedPairIsUnregisteredAndRefusesFurtherUse() {
        HostPair pair = HostPair.create();
        pair.close();
        assertThat(OpenPairsClosedAtShutdown.open()).doesNotContain(pair);
        assertThatThrownBy(pair::pullCable).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pair::plugCable).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pair.setSysctl(pair.serverNamespace(), "net.ipv4.tcp_retries2",
                "5")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToActOnNamespacesThatAreNotItsOwn() {
        try (HostPair pair = HostPair.create()) {
            String foreign = NamespaceNames.PROJECT_PREFIX + "not-this-pair";
            assertThatThrownBy(() -> pair.processIn(foreign, "true"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pair.setSysctl(foreign, "net.ipv4.tcp_retries2", "5"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pair.readSysctl("default", "net.ipv4.tcp_retries2"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void processInRunsTheCommandWithTheNamespacesNetworkStack() {
        try (HostPair pair = HostPair.create()) {
            CommandResult result = BoundedCommand.run(BoundedCommand.DEFAULT_TIMEOUT,
                    pair.processIn(pair.clientNamespace(), "ip", "-o", "addr", "show").command());
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).contains(pair.clientAddress().getHostAddress())
                    .doesNotContain(pair.serverAddress().getHostAddress());
        }
    }

    static RunningProgram startEchoServer(HostPair pair) throws InterruptedException {
        RunningProgram server = RunningProgram.start(pair.processIn(pair.serverNamespace(),
                RunningProgram.javaMain(EchoServerMain.class,
                        pair.serverAddress().getHostAddress(), Integer.toString(PORT), "120")));
        try {
            assertThat(server.nextLine(PROGRAM_WAIT)).isEqualTo("LISTENING");
            return server;
        } catch (AssertionError | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** One fresh connect + echo from the client namespace; "OK ping" or "FAILED ...". */
    static String probe(HostPair pair) throws Exception {
        try (RunningProgram client = RunningProgram.start(pair.processIn(pair.clientNamespace(),
                RunningProgram.javaMain(ConnectProbeMain.class,
                        pair.serverAddress().getHostAddress(), Integer.toString(PORT), "1000")))) {
            return client.nextLine(PROGRAM_WAIT);
        }
    }

    private static String addressesIn(String namespace, String device) {
        return BoundedCommand.runChecked("ip", "-n", namespace, "-o", "-4", "addr", "show", "dev",
                device).stdout();
    }
}
