package io.closebench.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ObserverThreadTest {

    @Test
    void aCallReturnsWhatTheTaskReturnedOnTheObserversOwnThread() throws Exception {
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            assertThat(thread.call(Duration.ofSeconds(5), () -> Thread.currentThread().getName()))
                    .isEqualTo("test-observer");
        }
    }

    @Test
    void aCallRethrowsTheTasksOwnIoExceptionUnchanged() throws Exception {
        IOException own = new IOException("the task's own");
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            assertThatThrownBy(() -> thread.call(Duration.ofSeconds(5), () -> {
                throw own;
            })).isSameAs(own);
        }
    }

    @Test
    void aCallThatOverrunsItsBoundEndsAsAnIoExceptionSayingSo() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            assertThatThrownBy(() -> thread.call(Duration.ofMillis(50), () -> never.await(10, TimeUnit.SECONDS)))
                    .isInstanceOf(IOException.class).hasMessageContaining("did not answer within 50 ms");
        }
    }

    @Test
    void aCallThatOverranItsBoundLeavesTheThreadServingTheNextCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            assertThatThrownBy(() -> thread.call(Duration.ofMillis(50), () -> release.await(10, TimeUnit.SECONDS)))
                    .isInstanceOf(IOException.class);
            release.countDown();
            assertThat(thread.call(Duration.ofSeconds(5), () -> "served")).isEqualTo("served");
        }
    }

    @Test
    void anInterruptLeftByATaskDoesNotStopTheThread() throws Exception {
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            thread.call(Duration.ofSeconds(5), () -> {
                Thread.currentThread().interrupt();
                return null;
            });
            assertThat(thread.call(Duration.ofSeconds(5), () -> "served")).isEqualTo("served");
        }
    }

    @Test
    void aCallToAClosedThreadIsRefusedAtOnce() {
        ObserverThread thread = new ObserverThread("test-observer");
        thread.close();
        assertThatThrownBy(() -> thread.call(Duration.ofSeconds(5), () -> 1))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aTaskThatFailsOtherwiseIsAnIoExceptionCarryingTheCause() throws Exception {
        try (ObserverThread thread = new ObserverThread("test-observer")) {
            assertThatThrownBy(() -> thread.call(Duration.ofSeconds(5), () -> {
                throw new IllegalStateException("broken");
            })).isInstanceOf(IOException.class).hasRootCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void seesItsThreadAsleepInABlockingSocketRead() throws Exception {
        try (ObserverThread thread = new ObserverThread("test-observer");
             ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                Future<Integer> read = thread.submit(() -> accepted.getInputStream().read());

                assertThat(thread.awaitAsleep(TimeUnit.SECONDS.toNanos(5))).isTrue();
                client.getOutputStream().write(7);
                assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(7);
            }
        }
    }

    @Test
    void readsTheStateLetterAfterTheLastParenthesisOfTheCommandName() throws Exception {
        Path stat = Files.createTempFile("stat", "");
        try {
            Files.writeString(stat, "4242 (odd) name) S 1 2 3");
            assertThat(KernelThreads.stateIn(stat)).isEqualTo('S');
            Files.writeString(stat, "4242 (java) R 1 2 3");
            assertThat(KernelThreads.stateIn(stat)).isEqualTo('R');
        } finally {
            Files.delete(stat);
        }
    }
}
