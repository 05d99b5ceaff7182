package io.closebench.s1;

import io.closebench.cable.CableFault;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.Observer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the cable section's plan holds with and without its opt-in long trials. */
@Timeout(10)
class CablePlanTest {

    private static final Set<Observer> MODELS = Set.of(Observer.BLOCKING, Observer.NIO, Observer.NETTY_EPOLL);

    @Test
    void untilTheKernelAbortsWaitsForTheKernelsOwnModelOfTheDefaultsWithTheOtherMechanismsBeside() {
        CablePlan standard = CablePlan.standard(CableSettings.standard(), 5, MODELS, false, false);
        CablePlan withAbort = CablePlan.standard(CableSettings.standard(), 5, MODELS, false, true);

        assertThat(withAbort.trials()).hasSameSizeAs(standard.trials()).as("b's 10 s trial of the two replaced");
        TrialSpec abort = withAbort.trials().get(withAbort.trials().size() - 1);
        assertThat(abort.fault()).isEqualTo(CableFault.PULLED_SENDING);
        assertThat(abort.groups()).extracting(g -> g.mechanism().label()).containsOnly(
                CablePlan.DEFAULTS.label(), CablePlan.KEEPALIVE.label());
        assertThat(withAbort.trials()).filteredOn(t -> t.fault() == CableFault.PULLED_SENDING)
                .flatExtracting(TrialSpec::groups).extracting(g -> g.mechanism().label())
                .contains(CablePlan.USER_TIMEOUT.label(), CablePlan.HEARTBEAT_500.label());
        long bound = abort.boundNanos(CableSettings.standard(), 15);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(bound)).as("the kernel's 924.6 s, and a quarter more")
                .isBetween(1100L, 1300L);
        assertThat(standard.trials()).allSatisfy(t ->
                assertThat(TimeUnit.NANOSECONDS.toSeconds(t.boundNanos(CableSettings.standard(), 15))).isLessThan(300));
        assertThat(withAbort.parameters()).containsEntry("cable.until_kernel_aborts", "true");
    }
}
