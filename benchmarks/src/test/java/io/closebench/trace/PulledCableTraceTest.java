package io.closebench.trace;

import static io.closebench.trace.TracingAvailability.assumeTracing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.netns.HostPair;
import io.closebench.netns.NamespaceThread;
import io.closebench.wire.Endpoint;
import io.closebench.wire.FourTuple;
import io.closebench.wire.KernelCounters;
import io.closebench.wire.TcpCounter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S1 from the kernel's side: the server writes to a client whose cable was pulled, and
 * {@code tcp_retries2} (3 in the server's namespace) runs out. The trace shows each retransmission
 * attempt and the abort, and agrees with the namespace's own counters. Without a pinned neighbour
 * the segments wait for ARP in the server's neighbour queue, and the first retransmissions are
 * skipped (err -16) because their copy still waits there; with the client's address pinned they
 * go to the dead cable and are all sent.
 *
 * <p>Prints each case's record and counters (the figures in docs/kernel-trace.md).
 */
@Timeout(90)
class PulledCableTraceTest {

    /** The abort is near 3 s (tcp_retries2 3, RTO 200 ms); a revert by a host-unreachable adds at most a few. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int CARRIER_POLLS = 100;

    @BeforeEach
    void requireTracing() {
        assumeTracing();
    }

    @Test
    void unpinnedTheFirstAttemptsWaitInTheHostQueueAndTheAbortIsTraced() throws Exception {
        Outcome outcome = pullWhileWriting(false);

        assertThat(outcome.attempts().get(0).err()).as("the first attempt, its copy still waiting for ARP: %s",
                outcome.attempts()).isEqualTo(RetransmitAttempt.STILL_IN_HOST_QUEUE);
        assertThat(outcome.counted(TcpCounter.SPURIOUS_RTX_HOST_QUEUES)).isPositive();
    }

    @Test
    void pinnedEveryAttemptIsSentAndTheAbortIsTraced() throws Exception {
        Outcome outcome = pullWhileWriting(true);

        assertThat(outcome.attempts()).as("with a permanent neighbour nothing waits in this host")
                .allSatisfy(a -> assertThat(a.err()).isZero());
        assertThat(outcome.counted(TcpCounter.SPURIOUS_RTX_HOST_QUEUES)).isZero();
    }

    /**
     * The common part: one connection, the cable pulled, one write, the server's read until the
     * abort; then what both cases share: the abort traced between the pull and the read's end,
     * attempts and reports as many as the namespace counted, nothing of the client recorded.
     */
    private static Outcome pullWhileWriting(boolean pinned) throws Exception {
        try (HostPair pair = HostPair.create();
             NamespaceThread serverHome = NamespaceThread.enter(pair.serverNamespace());
             NamespaceThread clientHome = NamespaceThread.enter(pair.clientNamespace());
             ServerSocket listener = serverHome.make(() -> new ServerSocket(0, 5, pair.serverAddress()));
             SocketChannel client = clientHome.make(SocketChannel::open)) {
            if (pinned) {
                pair.pinClientAddressAtServer();
            }
            pair.setSysctl(pair.serverNamespace(), "net.ipv4.tcp_retries2", "3");
            listener.setSoTimeout(10_000);
            client.connect(new InetSocketAddress(pair.serverAddress(), listener.getLocalPort()));
            try (Socket server = listener.accept()) {
                Endpoint serverEnd = new Endpoint(pair.serverAddress(), listener.getLocalPort());
                FourTuple connection = new FourTuple(serverEnd, Endpoint.of((InetSocketAddress) server.getRemoteSocketAddress()));
                Optional<String> serverNamespace = Optional.of(pair.serverNamespace());
                KernelTraceRecord record;
                KernelCounters before;
                KernelCounters after;
                long pulledBefore;
                long abortedAfter;
                try (KernelTrace trace = KernelTrace.start(TraceFilter.localEnds(serverEnd))) {
                    before = KernelCounters.read(serverNamespace);
                    pulledBefore = System.nanoTime();
                    pair.pullCable();
                    awaitNoCarrierAtServer(pair);
                    server.getOutputStream().write(new byte[1000]);
                    server.setSoTimeout(READ_TIMEOUT_MILLIS);
                    assertThatThrownBy(() -> server.getInputStream().read()).as("the server's read ends with the abort")
                            .isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class)
                            .hasMessageContaining("timed out");
                    abortedAfter = System.nanoTime();
                    after = KernelCounters.read(serverNamespace);
                    record = trace.stop();
                }
                KernelCounters delta = after.since(before);
                System.out.println((pinned ? "pinned: " : "unpinned: ") + record + "; counted " + delta.values());
                record.events().forEach(e -> System.out.println("  " + e));

                assertThat(record.complete()).as("%s %s", record, record.unreadable()).isTrue();
                List<RetransmitAttempt> attempts = record.retransmitAttemptsOf(connection);
                assertThat(attempts).as("attempts of %s in %s", connection, record.events()).isNotEmpty();
                assertThat(record.retransmitAttempts()).as("only the server's connection").isEqualTo(attempts);
                List<StateChange> changes = record.stateChangesOf(connection);
                assertThat(changes).as("the server's connection changed state once: the abort")
                        .containsExactly(new StateChange(changes.get(0).monotonicNanos(), changes.get(0).ends(),
                                TcpState.ESTABLISHED, TcpState.CLOSE, changes.get(0).sk()));
                assertThat(attempts).as("one socket, as the kernel addresses it")
                        .allSatisfy(a -> assertThat(a.sk()).isEqualTo(changes.get(0).sk()).isNotZero());
                StateChange abort = changes.get(0);
                assertThat(abort.monotonicNanos()).isBetween(pulledBefore, abortedAfter);
                assertThat(attempts).allSatisfy(a -> assertThat(a.monotonicNanos()).isBetween(pulledBefore,
                        abort.monotonicNanos()));
                assertThat(attempts.stream().filter(RetransmitAttempt::sent).count()).as("sent attempts: RetransSegs")
                        .isEqualTo(delta.get(TcpCounter.RETRANS_SEGS));
                long skipped = attempts.stream().filter(RetransmitAttempt::stillInHostQueue).count();
                assertThat(delta.get(TcpCounter.SPURIOUS_RTX_HOST_QUEUES) - skipped)
                        .as("skips counted but not traced: a tail loss probe checks the host queue itself"
                                + " (tcp_send_loss_probe()), once at most for one write; traced %d", skipped)
                        .isBetween(0L, 1L);
                assertThat(record.icmpSent()).as("reports traced: OutDestUnreachs counted")
                        .hasSize((int) delta.get(TcpCounter.ICMP_OUT_DEST_UNREACHS))
                        .allSatisfy(r -> assertThat(r.hostUnreachable()).isTrue());
                return new Outcome(attempts, delta);
            }
        }
    }

    /**
     * The server's end must have processed the carrier loss before the write: it then forgets the
     * client's address ({@code arp_evict_nocarrier}) and the write starts a resolution, rather than
     * go out on the old entry and be dropped with it (docs/findings-s1-kernel-rules.md, point 8).
     */
    private static void awaitNoCarrierAtServer(HostPair pair) throws InterruptedException {
        for (int i = 0; i < CARRIER_POLLS; i++) {
            if (!pair.serverLinkState().carrier()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server's veth kept its carrier after the pull");
    }

    private record Outcome(List<RetransmitAttempt> attempts, KernelCounters delta) {
        long counted(TcpCounter counter) {
            return delta.get(counter);
        }
    }
}
