package io.closebench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.closebench.transport.SocketSettings;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Connecting is each model's own job: the same three dials on every model. */
@Timeout(60)
class DialTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** What one dial told, in order. */
    private static final class Told implements DialHandler {
        final CompletableFuture<Long> started = new CompletableFuture<>();
        final CompletableFuture<Connection> connected = new CompletableFuture<>();
        final CompletableFuture<IoResult> failed = new CompletableFuture<>();

        @Override
        public void started(long at) {
            started.complete(at);
        }

        @Override
        public void connected(Connection connection, long at) {
            connected.complete(connection);
        }

        @Override
        public void failed(IoResult result) {
            failed.complete(result);
        }

        /** Waits for the end: the connection, or the failure. */
        Object end() throws Exception {
            return CompletableFuture.anyOf(connected, failed).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("io.closebench.observe.EveryModel#models")
    void aDialToAListenerConnectsFromTheLocalPortItAskedFor(Observer model) throws Exception {
        EveryModel.assumeRunsHere(model);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ObserverSide side = ObserverModels.of(model).open("dial-test", Optional.empty(), System::nanoTime)) {
            int localPort;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                localPort = free.getLocalPort();
            }
            Told told = new Told();
            Dial dial = new Dial(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort)),
                    (InetSocketAddress) server.getLocalSocketAddress(), SocketSettings.NONE, Optional.empty());
            side.thread().call(BOUND, () -> side.dial(dial, told));

            assertThat(told.end()).isInstanceOf(Connection.class);
            try (Socket accepted = server.accept()) {
                assertThat(accepted.getPort()).isEqualTo(localPort);
            }
            long startedAt = told.started.get();
            assertThat(startedAt).isLessThanOrEqualTo(System.nanoTime());
            side.thread().call(BOUND, () -> {
                told.connected.get().close();
                return null;
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.closebench.observe.EveryModel#models")
    void aDialToAPortNobodyListensOnFailsWithTheKernelsRefusal(Observer model) throws Exception {
        EveryModel.assumeRunsHere(model);
        InetSocketAddress nobody;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) free.getLocalSocketAddress();
        }
        try (ObserverSide side = ObserverModels.of(model).open("dial-test", Optional.empty(), System::nanoTime)) {
            Told told = new Told();
            side.thread().call(BOUND, () -> side.dial(Dial.to(nobody), told));

            assertThat(told.end()).isInstanceOf(IoResult.class);
            IoResult failed = told.failed.get();
            assertThat(failed.outcome()).isEqualTo(Outcome.OTHER_ERROR);
            assertThat(failed.message()).contains("Connection refused");
        }
    }

    /**
     * A listener whose accept queue is full drops every further SYN (the kernel counts it as a listen
     * overflow), so a connect to it stays in SYN_SENT: the program's own timeout ends it, as TIMEOUT.
     */
    @ParameterizedTest
    @MethodSource("io.closebench.observe.EveryModel#models")
    void aDialThatIsNotAnsweredEndsAtTheProgramsOwnTimeoutAsTimeout(Observer model) throws Exception {
        EveryModel.assumeRunsHere(model);
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ObserverSide side = ObserverModels.of(model).open("dial-test", Optional.empty(), System::nanoTime)) {
            fillAcceptQueue(full, queued);
            Told told = new Told();
            Dial dial = new Dial(Optional.empty(), (InetSocketAddress) full.getLocalSocketAddress(), SocketSettings.NONE,
                    Optional.of(Duration.ofMillis(300)));
            side.thread().call(BOUND, () -> side.dial(dial, told));

            assertThat(told.end()).isInstanceOf(IoResult.class);
            IoResult failed = told.failed.get();
            assertThat(failed.outcome()).isEqualTo(Outcome.TIMEOUT);
            // Socket.connect(address, int millis) waits in whole milliseconds (its poll truncates what is left):
            // it may end up to one millisecond before the timeout, never sooner
            assertThat(failed.returnedAt() - told.started.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(299));
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    /** Connects until one connect does not complete within a second: the queue is full from then on. */
    private static void fillAcceptQueue(ServerSocket listener, List<Socket> queued) throws Exception {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            queued.add(s);
            try {
                s.connect(listener.getLocalSocketAddress(), 1000);
            } catch (java.net.SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled up");
    }
}
