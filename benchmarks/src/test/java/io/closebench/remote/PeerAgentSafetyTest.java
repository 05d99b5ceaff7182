package io.closebench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.netns.BoundedCommand;
import io.closebench.placement.CpuPlan;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The peer agent's safety: no token, no session; one session at a time; bad input answered with a
 * clear error and nothing done; a session that ends however it ends (the harness gone, its agent
 * killed, the control connection cut in the middle of a fault) leaves no process behind on either
 * host. Each test runs its own agent in a namespace of its own.
 */
@Timeout(120)
class PeerAgentSafetyTest {

    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);

    private AgentInNamespace agent;

    @BeforeEach
    void start() throws Exception {
        agent = AgentInNamespace.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aHarnessWithTheWrongTokenIsRefusedAndTheAgentServesTheRightOne() throws Exception {
        Path wrong = Files.createTempFile("closebench-wrong-token", ".txt");
        try {
            Files.writeString(wrong, SharedToken.nonce() + SharedToken.nonce());
            assertThatThrownBy(() -> RemoteHome.connect(agent.address(), wrong)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not authenticated").hasMessageContaining("token");
            assertThat(agent.nextLine("closebench peer: refused", Duration.ofSeconds(5))).contains("not authenticated");
        } finally {
            Files.deleteIfExists(wrong);
        }
        try (RemoteHome home = agent.connect()) {
            assertThat(home.place().os()).isEqualTo("Linux");
        }
    }

    @Test
    void aTokenTooShortIsRefusedBeforeAnythingIsSent() throws Exception {
        Path weak = Files.createTempFile("closebench-weak-token", ".txt");
        try {
            Files.writeString(weak, "secret");
            assertThatThrownBy(() -> RemoteHome.connect(agent.address(), weak)).isInstanceOf(IOException.class)
                    .hasMessageContaining("at least " + SharedToken.MIN_LENGTH);
        } finally {
            Files.deleteIfExists(weak);
        }
    }

    @Test
    void aSecondClientIsToldTheAgentIsBusyAndTheFirstSessionGoesOn() throws Exception {
        try (RemoteHome first = agent.connect()) {
            SharedToken token = SharedToken.read(agent.tokenFile());
            assertThatThrownBy(() -> ControlConnection.open(agent.address(), token)).isInstanceOf(IOException.class)
                    .hasMessageContaining("busy");
            assertThat(first.lost()).isEmpty();
            assertThat(first.control().estimate(2).roundTrip()).isPositive();
        }
        try (RemoteHome again = agent.connect()) {
            assertThat(again.lost()).isEmpty();
        }
    }

    @Test
    void anUnauthenticatedClientSendingAnythingElseGetsAnErrorAndIsClosed() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(agent.address(), 5000);
            s.setSoTimeout(15_000);
            ControlLines lines = new ControlLines(s.getInputStream(), s.getOutputStream());
            assertThat(lines.read().word()).isEqualTo(Word.CHALLENGE);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ChildMessage answer = lines.read();
            assertThat(answer.word()).isEqualTo(Word.ERROR);
            assertThat(answer.field(1)).startsWith("not authenticated");
            assertThat(lines.read()).as("closed after the error").isNull();
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithoutBeingBuffered() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(agent.address(), 5000);
            s.setSoTimeout(15_000);
            ControlLines lines = new ControlLines(s.getInputStream(), s.getOutputStream());
            lines.read();
            byte[] flood = new byte[ControlLines.MAX_LINE + 1024];
            java.util.Arrays.fill(flood, (byte) 'A');
            try {
                s.getOutputStream().write(flood);
            } catch (IOException closedMeanwhile) {
                // the agent may close before the whole flood is written
            }
            ChildMessage answer = lines.read();
            assertThat(answer.word()).isEqualTo(Word.ERROR);
            assertThat(answer.field(1)).contains("longer than " + ControlLines.MAX_LINE);
        }
    }

    @Test
    void aMalformedMessageInASessionEndsItWithAClearErrorAndNothingDone() throws Exception {
        try (Socket s = authenticated()) {
            ControlLines lines = new ControlLines(s.getInputStream(), s.getOutputStream());
            // bad requests that are well-formed get an ERROR each, and the session goes on
            lines.write(ChildMessage.of(Word.OPEN, "1", "m1", 999_999_999, "MASS", "KILL", 1, 1));
            assertThat(lines.read().format()).startsWith("ERROR\t1\ta budget must be");
            lines.write(ChildMessage.of(Word.OPEN, "2", "m1", 5000, "MASS", "KILL", 1, 20_001));
            assertThat(lines.read().format()).startsWith("ERROR\t2\t").contains("1-20000");
            lines.write(ChildMessage.of(Word.INJECT, "3", "nobody", 5000));
            assertThat(lines.read().format()).isEqualTo("ERROR\t3\tno object nobody");
            lines.write(ChildMessage.of(Word.OPEN, "4", "c1", 5000, "CASE", "BASH_CHILD"));
            assertThat(lines.read().format()).startsWith("ERROR\t4\t").contains("10 fields");
            // a word that is not a request ends the session, after saying so
            lines.write(ChildMessage.of(Word.GO, "5"));
            ChildMessage end = lines.read();
            assertThat(end.format()).startsWith("ERROR\t-\tmalformed input from the harness").contains("nothing of it done");
            assertThat(lines.read()).isNull();
        }
        assertThat(agent.nextLine("closebench peer: session", Duration.ofSeconds(5))).contains("authenticated");
        assertThat(agent.nextLine("closebench peer: session", Duration.ofSeconds(5))).contains("malformed input");
        assertThat(agent.othersInside(GONE_WITHIN)).as("nothing was started").isEmpty();
    }

    @Test
    void anAgentKilledMidSessionEndsTheSessionWithAClearErrorAndLeavesNoChild() throws Exception {
        RemoteHome home = agent.connect();
        try (CaseRunner runner = new CaseRunner(Observer.NIO, CpuPlan.of(Placement.OS), RunnerSettings.defaults(), home)) {
            assertThat(runner.run(ScenarioCatalogue.byId("S2-inproc").orElseThrow()).outcome()).isEqualTo(Outcome.EOF);
            // a JVM child on the peer's host, then the host dies under it
            Thread killer = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(150);
                    agent.kill();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            Observation during = runner.run(ScenarioCatalogue.byId("S3a-jvm").orElseThrow());
            killer.join();
            long until = System.nanoTime() + GONE_WITHIN.toNanos();
            while (home.lost().isEmpty() && System.nanoTime() - until < 0) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(home.lost()).as("the harness knows its peer's host is gone").isPresent();
            Observation after = runner.run(ScenarioCatalogue.byId("S2-inproc").orElseThrow());
            assertThat(after.outcome()).isEqualTo(Outcome.HARNESS_FAILURE);
            assertThat(after.failure()).contains("has ended").contains(home.lost().get());
            assertThat(during.outcome().isDetection() || during.outcome() == Outcome.HARNESS_FAILURE).as(during.toString())
                    .isTrue();
        } finally {
            home.close();
        }
        assertThat(agent.othersInside(GONE_WITHIN)).as("the JVM child ends when its agent dies").isEmpty();
    }

    @Test
    void aControlConnectionCutMidFaultEndsTheSessionAndTheAgentKillsWhatItStarted() throws Exception {
        RemoteHome home = agent.connect();
        try {
            ControlConnection c = home.control();
            // a mass death's child holding connections to a listener here, never killed by the harness
            try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(c.localAddress(), 0), 64);
                Thread accepting = acceptAll(listener, 5);
                c.call(Word.OPEN, "m1", Duration.ofSeconds(30), "MASS", "KILL", listener.socket().getLocalPort(), 5);
                accepting.join(10_000);
                assertThat(agent.othersInside(Duration.ZERO)).as("the client process is up").isNotEmpty();
                // the cable between the two hosts cut for the control connection alone: its socket reset here
                BoundedCommand.runChecked("ss", "-K", "-t", "-n", "dst", agent.address().getAddress().getHostAddress(), "and",
                        "dport = :" + agent.address().getPort());
            }
            assertThat(agent.nextLine("closebench peer: session", Duration.ofSeconds(5))).contains("authenticated");
            assertThat(agent.nextLine("closebench peer: session", GONE_WITHIN)).contains("control connection lost");
            assertThat(agent.othersInside(GONE_WITHIN)).as("the agent killed its child").isEmpty();
            long until = System.nanoTime() + GONE_WITHIN.toNanos();
            while (home.lost().isEmpty() && System.nanoTime() - until < 0) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(home.lost()).isPresent();
        } finally {
            home.close();
        }
        try (RemoteHome next = agent.connect()) {
            assertThat(next.lost()).as("the agent serves the next session").isEmpty();
        }
    }

    @Test
    void aPulledCableIsPluggedBackByTheKernelAtTheBoundTheObserverSetEvenIfNobodyPlugsIt() throws Exception {
        assumeCable();
        try (RemoteHome home = agent.connect();
             java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
            ControlConnection c = home.control();
            pullTwoConnections(c, listener, "PULLED_IDLE", 30, 1500);
            List<String> tables = agent.tablesInside();
            assertThat(tables).hasSize(1);
            String table = tables.get(0).split("\\s+")[2];
            assertThat(table).startsWith("closebench_peer_");
            assertThat(agent.host().run("nft", "list", "set", "inet", table, "pulled").stdout())
                    .contains(listener.socket().getLocalPort() + " timeout");
            TimeUnit.MILLISECONDS.sleep(2500);
            assertThat(agent.host().run("nft", "list", "set", "inet", table, "pulled").stdout())
                    .as("the elements expired at their bound").doesNotContain("timeout 1s500ms");
            c.call(Word.CLOSE, "k1", Duration.ofSeconds(30));
            assertThat(agent.tablesInside()).as("closed: the table is gone").isEmpty();
        }
        assertThat(agent.othersInside(GONE_WITHIN)).isEmpty();
    }

    @Test
    void aControlConnectionCutWhileTheCableIsPulledRemovesTheRuleAndTheClient() throws Exception {
        assumeCable();
        RemoteHome home = agent.connect();
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
            pullTwoConnections(home.control(), listener, "PULLED_SENDING", 60, 60_000);
            assertThat(agent.tablesInside()).hasSize(1);
            BoundedCommand.runChecked("ss", "-K", "-t", "-n", "dst", agent.address().getAddress().getHostAddress(), "and",
                    "dport = :" + agent.address().getPort());
            assertThat(agent.nextLine("closebench peer: session", Duration.ofSeconds(5))).contains("authenticated");
            assertThat(agent.nextLine("closebench peer: session", GONE_WITHIN)).contains("control connection lost");
            assertThat(agent.tablesInside()).as("the rule went with the session").isEmpty();
            assertThat(agent.othersInside(GONE_WITHIN)).as("the client host's program went with it").isEmpty();
        } finally {
            home.close();
        }
    }

    /**
     * A pulled cable's client host on the agent ("k1", {@code fault}) with two connections to
     * {@code listener}, here; the cable pulled for at most {@code boundMillis}.
     */
    private static void pullTwoConnections(ControlConnection c, java.nio.channels.ServerSocketChannel listener, String fault,
                                           int capSeconds, long boundMillis) throws IOException, InterruptedException {
        listener.bind(new InetSocketAddress(c.localAddress(), 0), 8);
        Thread accepting = acceptAll(listener, 2);
        c.call(Word.OPEN, "k1", Duration.ofSeconds(30), "CABLE", fault, capSeconds, 0, 0, boundMillis,
                listener.socket().getLocalPort() + ":2");
        c.call(Word.AWAIT, "k1", Duration.ofSeconds(20));
        accepting.join(10_000);
        c.call(Word.INJECT, "k1", Duration.ofSeconds(10));
    }

    private void assumeCable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(agent.startLine().contains("cable=yes"),
                () -> "the agent cannot pull its cable here: " + agent.startLine());
    }

    private Socket authenticated() throws IOException {
        Socket s = new Socket();
        s.connect(agent.address(), 5000);
        s.setSoTimeout(15_000);
        ControlLines lines = new ControlLines(s.getInputStream(), s.getOutputStream());
        SharedToken token = SharedToken.read(agent.tokenFile());
        ChildMessage challenge = lines.read();
        String mine = SharedToken.nonce();
        lines.write(ChildMessage.of(Word.PROOF, mine, token.prove(SharedToken.OBSERVER, challenge.field(1), mine)));
        assertThat(lines.read().word()).isEqualTo(Word.WELCOME);
        return s;
    }

    private static Thread acceptAll(java.nio.channels.ServerSocketChannel listener, int n) {
        List<java.nio.channels.SocketChannel> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    held.add(listener.accept());
                }
            } catch (IOException ignored) {
                // the listener closed
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
