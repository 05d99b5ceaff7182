package io.closebench.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.CableFault;
import io.closebench.s1.CablePlan;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Observer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is measured, what is shown to be never, and what is given by the rule with a stand-in beside it. */
@Timeout(10)
class SettingsPlanTest {

    private static SettingsPlan plan(Preset p, Duration maxWait) {
        return SettingsPlan.of(p.settings(), List.of(p.observer()), 3, maxWait, CableSettings.standard());
    }

    @Test
    void linuxsLongRulesAreGivenByTheRuleWithTheMatrixsShortSettingsMeasuredBeside() {
        SettingsPlan plan = plan(Preset.LINUX, Duration.ofMinutes(15));
        assertThat(plan.faults()).filteredOn(f -> f.fault() == CableFault.PULLED_IDLE).singleElement().satisfies(f -> {
            assertThat(f.treatment()).isEqualTo(SettingsPlan.Treatment.RULE_ONLY);
            assertThat(f.standIn()).contains(CablePlan.KEEPALIVE);
        });
        assertThat(plan.faults()).filteredOn(f -> f.fault() == CableFault.PULLED_SENDING).singleElement()
                .satisfies(f -> assertThat(f.standIn()).contains(CablePlan.RETRIES_5));
        assertThat(plan.faults()).filteredOn(f -> f.fault() == CableFault.PEER_FROZEN).singleElement()
                .satisfies(f -> assertThat(f.treatment()).isEqualTo(SettingsPlan.Treatment.NEVER));
        assertThat(plan.trials()).anySatisfy(t -> assertThat(t.groups().get(0).mechanism()).isEqualTo(CablePlan.RETRIES_5));
    }

    @Test
    void ruleOnlyRowsCarryTheRulesTimeAndNoMeasurement() {
        List<CableSample> rows = plan(Preset.LINUX, Duration.ofMinutes(15)).ruleOnlyRows(50);
        assertThat(rows).isNotEmpty().allSatisfy(s -> {
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.RULE);
            assertThat(s.detectionNanos()).isEqualTo(-1);
            assertThat(s.ratio()).isNaN();
            assertThat(s.theory().isFinite()).isTrue();
            assertThat(s.theory().boundNanos()).isGreaterThan(Duration.ofMinutes(15).toNanos());
        });
        assertThat(rows).anySatisfy(s -> assertThat(s.theory().boundNanos()).isEqualTo(924_600_000_000L));
    }

    @Test
    void aRuleWithinTheLongestWaitIsMeasuredAndTheTrialWaitsForIt() {
        SettingsPlan plan = plan(Preset.GO, Duration.ofMinutes(15));
        assertThat(plan.faults()).filteredOn(f -> f.fault() == CableFault.PULLED_IDLE).singleElement()
                .satisfies(f -> assertThat(f.treatment()).isEqualTo(SettingsPlan.Treatment.MEASURED));
        assertThat(plan.longestBoundNanos()).isGreaterThan(150_000_000_000L);
    }

    @Test
    void everyFaultOfAServerIsInThePlanAndReconnectsStayFewPerGroup() {
        SettingsPlan plan = SettingsPlan.of(Preset.ETCD.settings(), List.of(Observer.BLOCKING, Observer.NIO), 20,
                Duration.ofMinutes(10), CableSettings.standard());
        assertThat(plan.faults()).extracting(SettingsPlan.FaultPlan::fault).containsExactlyElementsOf(SettingsPlan.FAULTS);
        assertThat(plan.trials()).filteredOn(t -> t.fault().reconnects()).singleElement()
                .satisfies(t -> assertThat(t.groups()).allSatisfy(g -> assertThat(g.connections())
                        .isEqualTo(CablePlan.RECONNECTS_PER_GROUP)));
        assertThat(plan.parameters()).containsKey("cable.settings").containsKey("cable.max_wait_s");
        assertThat(plan.fileName()).startsWith("cable-settings-etcd-").endsWith(".csv");
    }
}
