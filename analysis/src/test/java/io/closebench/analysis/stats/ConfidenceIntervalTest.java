package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConfidenceIntervalTest {

    @Test
    void definedIntervalIsClosed() {
        ConfidenceInterval interval = ConfidenceInterval.of(1.0, 2.0, 0.95);
        assertThat(interval.isDefined()).isTrue();
        assertThat(interval.contains(1.0)).isTrue();
        assertThat(interval.contains(2.0)).isTrue();
        assertThat(interval.excludes(0.999)).isTrue();
        assertThat(interval.excludes(1.5)).isFalse();
        assertThat(interval.width()).isEqualTo(1.0);
        assertThat(interval.undefinedReason()).isEmpty();
    }

    @Test
    void degenerateIntervalIsAllowed() {
        assertThat(ConfidenceInterval.of(3.0, 3.0, 0.95).contains(3.0)).isTrue();
    }

    @Test
    void undefinedIntervalRefusesBoundsAndExcludesNothing() {
        ConfidenceInterval interval = ConfidenceInterval.undefined(0.95, "needs at least 6 values, have 3");
        assertThat(interval.isDefined()).isFalse();
        assertThat(interval.excludes(1.0)).isFalse();
        assertThat(interval.undefinedReason()).contains("needs at least 6 values, have 3");
        assertThat(interval.toString()).contains("undefined").doesNotContain("NaN");
        assertThatThrownBy(interval::low)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs at least 6 values");
        assertThatThrownBy(() -> interval.contains(1.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsInvalidBounds() {
        assertThatThrownBy(() -> ConfidenceInterval.of(2.0, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> ConfidenceInterval.of(Double.NaN, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> ConfidenceInterval.of(1.0, 2.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence level");
        assertThatThrownBy(() -> ConfidenceInterval.undefined(0.95, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }
}
