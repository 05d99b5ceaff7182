package io.closebench.transport;

import io.closebench.schema.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    @Test
    void classifiesTheMessagesTheJdkThrowsOnLinux() {
        // the exact texts seen from JDK 17 on Linux: blocking read, NIO read, writes
        assertThat(ErrorClassifier.classify(new SocketException("Connection reset"))).isEqualTo(Outcome.RESET);
        assertThat(ErrorClassifier.classify(new IOException("Connection reset by peer"))).isEqualTo(Outcome.RESET);
        assertThat(ErrorClassifier.classify(new SocketException("Broken pipe"))).isEqualTo(Outcome.BROKEN_PIPE);
        assertThat(ErrorClassifier.classify(new IOException("Broken pipe"))).isEqualTo(Outcome.BROKEN_PIPE);
        assertThat(ErrorClassifier.classify(new SocketTimeoutException("Read timed out"))).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void namesTheTwoWaysTheKernelGivesUpOnASilentPeer() {
        // ETIMEDOUT and EHOSTUNREACH as JDK 17 reads report them, and as Netty's epoll transport wraps them
        assertThat(ErrorClassifier.classify(new SocketException("Connection timed out"))).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
        assertThat(ErrorClassifier.classify(new IOException("Connection timed out"))).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
        assertThat(ErrorClassifier.classify(new IOException("readAddress(..) failed: Connection timed out")))
                .isEqualTo(Outcome.CONNECTION_TIMED_OUT);
        assertThat(ErrorClassifier.classify(new SocketException("No route to host"))).isEqualTo(Outcome.NO_ROUTE_TO_HOST);
        assertThat(ErrorClassifier.classify(new NoRouteToHostException("No route to host (Host unreachable)")))
                .isEqualTo(Outcome.NO_ROUTE_TO_HOST);
        // the JDK's own read timer is not the kernel giving up
        assertThat(ErrorClassifier.classify(new SocketTimeoutException("Read timed out"))).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void keepsWhatItDoesNotKnowAsOtherErrorInsteadOfGuessing() {
        assertThat(ErrorClassifier.classify(new SocketException("Network is unreachable"))).isEqualTo(Outcome.OTHER_ERROR);
        assertThat(ErrorClassifier.classify(new IOException((String) null))).isEqualTo(Outcome.OTHER_ERROR);
    }
}
