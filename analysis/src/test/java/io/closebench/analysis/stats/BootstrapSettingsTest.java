package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BootstrapSettingsTest {

    @Test
    void defaultsAreTwoThousandResamplesAtNinetyFivePercent() {
        BootstrapSettings settings = BootstrapSettings.defaults();
        assertThat(settings.resamples()).isEqualTo(2000);
        assertThat(settings.confidenceLevel()).isEqualTo(0.95);
        // nothing else decides a bootstrap result: the engine reads histograms exactly, it never expands them
        assertThat(BootstrapSettings.class.getRecordComponents()).extracting(java.lang.reflect.RecordComponent::getName)
                .containsExactly("resamples", "confidenceLevel", "seed");
        // decimal complement: exactly 0.05, not 1 - 0.95 = 0.050000000000000044
        assertThat(settings.alpha()).isEqualTo(0.05);
        assertThat(1.0 - 0.95).isNotEqualTo(0.05);
    }

    @Test
    void requiresEnoughResamplesForBothTails() {
        // 95 %: each tail is 2.5 %, so at least 2 / 0.05 = 40 replicates; 99 %: 2 / 0.01 = 200
        assertThat(BootstrapSettings.defaults().withResamples(40).resamples()).isEqualTo(40);
        assertThatThrownBy(() -> BootstrapSettings.defaults().withResamples(39))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 40 resamples");
        assertThatThrownBy(() -> BootstrapSettings.defaults().withConfidenceLevel(0.99).withResamples(199))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99% percentile bootstrap needs at least 200");
    }

    @Test
    void rejectsLevelsOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> BootstrapSettings.defaults().withConfidenceLevel(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence level");
        assertThatThrownBy(() -> BootstrapSettings.defaults().withConfidenceLevel(0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
