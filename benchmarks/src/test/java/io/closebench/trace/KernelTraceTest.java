package io.closebench.trace;

import static io.closebench.trace.TracingAvailability.assumeTracing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.netns.HostPair;
import io.closebench.netns.NamespaceNames;
import io.closebench.netns.NamespaceThread;
import io.closebench.netns.RunningProgram;
import io.closebench.wire.Endpoint;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A kernel trace on this machine: its clock is {@code System.nanoTime()}'s, its filter keeps other
 * ports out, and its tracefs instance is gone afterwards however the trace ended.
 */
@Timeout(60)
class KernelTraceTest {

    private static final Path INSTANCES = Tracefs.MOUNT_POINTS.get(0).resolve("instances");

    @BeforeEach
    void requireTracing() {
        assumeTracing();
    }

    @AfterEach
    void nothingOfThisJvmLeftInTracefs() throws Exception {
        assertThat(ourInstances()).as("trace instances of this JVM").isEmpty();
    }

    @Test
    void aConnectArmsItsSocketsRetransmitTimerWhichTheTimerTraceRecordsInItsOwnInstance() throws Exception {
        try (HostPair pair = HostPair.create();
             NamespaceThread server = NamespaceThread.enter(pair.serverNamespace());
             NamespaceThread client = NamespaceThread.enter(pair.clientNamespace());
             ServerSocket traced = server.make(() -> new ServerSocket(0, 5, pair.serverAddress()));
             SocketChannel toTraced = client.make(SocketChannel::open)) {
            Endpoint tracedEnd = new Endpoint(pair.serverAddress(), traced.getLocalPort());
            long before;
            long after;
            KernelTraceRecord sockets;
            KernelTraceRecord timers;
            try (KernelTrace trace = KernelTrace.start(TraceFilter.remoteEnds(tracedEnd));
                 KernelTrace timerTrace = KernelTrace.startRetransmitTimers(KernelTrace.DEFAULT_BUFFER_KB_PER_CPU)) {
                assertThat(timerTrace.instanceName()).isNotEqualTo(trace.instanceName());
                before = System.nanoTime();
                toTraced.connect(new InetSocketAddress(pair.serverAddress(), traced.getLocalPort()));
                after = System.nanoTime();
                timers = timerTrace.stop();
                sockets = trace.stop();
            }

            assertThat(timers.complete()).as("%s %s", timers, timers.unreadable()).isTrue();
            assertThat(timers.events()).as("only the timer events").allSatisfy(e -> assertThat(e.kind().timerEvent()).isTrue());
            StateChange synSent = sockets.stateChanges().stream().filter(c -> c.newState() == TcpState.SYN_SENT)
                    .findFirst().orElseThrow(() -> new AssertionError("no SYN_SENT in " + sockets.events()));
            // the SYN's retransmission timer (tcp_connect()): the socket's own icsk_retransmit_timer, inside it
            assertThat(timers.timerStarts()).as("the connect's timer in %s", timers.timerStarts())
                    .anySatisfy(t -> {
                        assertThat(t.monotonicNanos()).isBetween(before, after);
                        assertThat(t.timer() - synSent.sk()).isBetween(0L, RetransmitTimers.MAX_OFFSET);
                        assertThat(t.bucketExpiry()).isGreaterThan(t.expires());
                        assertThat(t.timeout()).isPositive();
                    });
        }
    }

    @Test
    void aConnectsStateChangesLieBetweenTheNanoTimesReadAroundItAndAnotherPortLeavesNoEvent() throws Exception {
        try (HostPair pair = HostPair.create();
             NamespaceThread server = NamespaceThread.enter(pair.serverNamespace());
             NamespaceThread client = NamespaceThread.enter(pair.clientNamespace());
             ServerSocket traced = server.make(() -> new ServerSocket(0, 5, pair.serverAddress()));
             ServerSocket other = server.make(() -> new ServerSocket(0, 5, pair.serverAddress()));
             SocketChannel toTraced = client.make(SocketChannel::open);
             SocketChannel toOther = client.make(SocketChannel::open)) {
            Endpoint tracedEnd = new Endpoint(pair.serverAddress(), traced.getLocalPort());
            long before;
            long after;
            KernelTraceRecord record;
            try (KernelTrace trace = KernelTrace.start(TraceFilter.remoteEnds(tracedEnd))) {
                before = System.nanoTime();
                toTraced.connect(new InetSocketAddress(pair.serverAddress(), traced.getLocalPort()));
                after = System.nanoTime();
                toOther.connect(new InetSocketAddress(pair.serverAddress(), other.getLocalPort()));
                record = trace.stop();
            }

            assertThat(record.complete()).as("%s %s", record, record.unreadable()).isTrue();
            StateChange synSent = record.stateChanges().stream().filter(c -> c.newState() == TcpState.SYN_SENT)
                    .findFirst().orElseThrow(() -> new AssertionError("no SYN_SENT in " + record.events()));
            StateChange established = record.stateChanges().stream()
                    .filter(c -> c.oldState() == TcpState.SYN_SENT && c.newState() == TcpState.ESTABLISHED)
                    .findFirst().orElseThrow(() -> new AssertionError("no ESTABLISHED in " + record.events()));
            assertThat(synSent.monotonicNanos()).isBetween(before, after);
            assertThat(established.monotonicNanos()).isBetween(synSent.monotonicNanos(), after);
            assertThat(established.ends()).isEqualTo(new SocketEnds(Endpoint.of((InetSocketAddress)
                    toTraced.getLocalAddress()), tracedEnd));
            assertThat(record.stateChanges()).as("only sockets connected to the traced port")
                    .allSatisfy(c -> assertThat(c.ends().remote()).isEqualTo(tracedEnd));
        }
    }

    @Test
    void theInstanceIsRemovedWhenTheBodyThrows() {
        String[] name = new String[1];
        assertThatThrownBy(() -> {
            try (KernelTrace trace = KernelTrace.start(TraceFilter.localEnds(nothing()))) {
                name[0] = trace.instanceName();
                assertThat(INSTANCES.resolve(name[0])).isDirectory();
                throw new IllegalStateException("the body failed");
            }
        }).hasMessage("the body failed");
        assertThat(INSTANCES.resolve(name[0])).doesNotExist();
    }

    @Test
    void stopRemovesTheInstanceAndASecondStopIsRefused() {
        KernelTrace trace = KernelTrace.start(TraceFilter.localEnds(nothing()), EnumSet.of(TracedEvent.STATE_CHANGE),
                KernelTrace.MIN_BUFFER_KB_PER_CPU);
        KernelTraceRecord record = trace.stop();
        assertThat(record.events()).isEmpty();
        assertThat(INSTANCES.resolve(trace.instanceName())).doesNotExist();
        assertThatThrownBy(trace::stop).isInstanceOf(IllegalStateException.class);
        trace.close();
    }

    @Test
    void theInstanceOfADeadEarlierJvmIsRemovedByTheNextStartAndALiveOnesStays() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path dead = INSTANCES.resolve(NamespaceNames.prefixOf(gone.pid()) + "trace-0");
        Path alive = INSTANCES.resolve(NamespaceNames.jvmPrefix() + "trace-999999");
        Files.createDirectory(dead);
        Files.createDirectory(alive);
        try {
            KernelTrace.start(TraceFilter.localEnds(nothing())).close();
            assertThat(dead).as("a dead pid's instance").doesNotExist();
            assertThat(alive).as("this JVM's own instance").isDirectory();
        } finally {
            Files.deleteIfExists(dead);
            Files.deleteIfExists(alive);
        }
    }

    @Test
    void sigtermRunsTheHookThatRemovesTheInstance() throws Exception {
        String classpath = RunningProgram.classpathRootOf(KernelTrace.class) + File.pathSeparator
                + RunningProgram.classpathRootOf(TraceHolderMain.class) + File.pathSeparator
                + RunningProgram.classpathRootOf(com.sun.jna.Native.class);
        RunningProgram holder = RunningProgram.start(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classpath,
                TraceHolderMain.class.getName(), "120"));
        Path instance = null;
        try {
            String[] ready = holder.nextLine(Duration.ofSeconds(30)).split(" ");
            assertThat(ready[0]).as("stderr: %s", holder.stderr()).isEqualTo("READY");
            instance = INSTANCES.resolve(ready[1]);
            assertThat(NamespaceNames.ownerPid(ready[1])).hasValue(holder.pid());
            assertThat(instance).isDirectory();

            ProcessHandle.of(holder.pid()).orElseThrow().destroy();
            assertThat(holder.awaitExit(Duration.ofSeconds(30))).as("holder exited after SIGTERM").isTrue();

            assertThat(instance).doesNotExist();
        } finally {
            holder.close();
            if (instance != null && Files.isDirectory(instance)) {
                Files.delete(instance);
            }
        }
    }

    private static Endpoint nothing() {
        try {
            return new Endpoint(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 9);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ourInstances() throws Exception {
        try (var listing = Files.list(INSTANCES)) {
            return listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(NamespaceNames.jvmPrefix()))
                    .toList();
        }
    }
}
