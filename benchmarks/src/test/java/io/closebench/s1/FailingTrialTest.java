package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.UserTimeout;

import io.closebench.schema.Observer;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.netns.IpNetns;
import io.closebench.netns.NamespaceNames;
import io.closebench.schema.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A trial that fails half-way reports why, for every connection, and leaves nothing behind. */
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class FailingTrialTest {

    @Test
    void aFailureAfterThePullIsReportedAndEverythingIsRemoved() {
        CableTestSupport.assumeNamespaces();
        TrialSpec spec = new TrialSpec(CableFault.PULLED_IDLE,
                List.of(new CableGroup(new AppHeartbeat(200, 3), Observer.NIO, 3)));
        List<CableSample> samples = CableExperiment.measure(spec, CableTestSupport.SETTINGS, new TrialListener() {
            @Override
            public void faultInjected(TrialSpec s, long t0) {
                throw new IllegalStateException("injected failure after t0");
            }
        });
        assertThat(samples).hasSize(3).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HARNESS_FAILURE);
            assertThat(s.failure()).contains("injected failure after t0");
        });
        assertThat(IpNetns.listStartingWith(NamespaceNames.jvmPrefix())).isEmpty();
    }

    @Test
    void anUnsupportedObserverIsRefusedBeforeAnythingStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CableGroup(new UserTimeout(1000), Observer.NIO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TCP_USER_TIMEOUT");
    }
}
