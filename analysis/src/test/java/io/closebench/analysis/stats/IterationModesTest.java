package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IterationModesTest {

    @Test
    void elevenAndFortyOneMicrosecondsSplitIntoTwoGroupsOfTheRightSizes() {
        IterationModes modes = IterationModes.of(new long[] {11_200, 41_300, 10_900, 11_050, 40_800, 11_400});

        assertThat(modes.isSplit()).isTrue();
        assertThat(modes.groups()).containsExactly(
                new IterationModes.Group(10_900, 11_400, 11_050, 4),
                new IterationModes.Group(40_800, 41_300, 40_800, 2));
        assertThat(modes.describe()).isEqualTo(
                "iteration medians split into 2 groups: about 11.1 us (4 of 6 iterations) and about 40.8 us (2 of 6)");
        assertThat(modes.spread()).isCloseTo(41_300.0 / 10_900, within(1e-12));
        assertThat(modes.withinFidelityTarget()).isFalse();
    }

    @Test
    void tenElevenTwelveMicrosecondsDoNotSplit() {
        IterationModes modes = IterationModes.of(new long[] {10_000, 11_000, 12_000, 11_500});

        assertThat(modes.isSplit()).isFalse();
        assertThat(modes.groups()).hasSize(1);
        assertThat(modes.spread()).isEqualTo(1.2);
        assertThat(modes.withinFidelityTarget()).isTrue();
        assertThat(modes.describe()).isEqualTo("iteration medians agree within 1.20x");
    }

    @Test
    void fromTheIterationMediansOfASample() {
        ForkedLatency sample = ForkedSamples.of(new double[][] {{11_000, 41_000, 11_000}, {11_000, 41_000, 11_000}},
                2_000, 0.1, 21);
        IterationModes modes = IterationModes.of(sample);
        assertThat(modes.iterations()).isEqualTo(6);
        assertThat(modes.groups()).extracting(IterationModes.Group::iterations).containsExactly(4, 2);
        assertThat(modes.describe()).isEqualTo("iteration medians split into 2 groups: about 11.0 us (4 of 6 iterations) "
                + "and about 40.9 us (2 of 6)");
    }

    @Test
    void aGapOfExactlyOneAndAHalfSplitsAndJustBelowDoesNot() {
        assertThat(IterationModes.of(new long[] {1_000, 1_500}).isSplit()).isTrue();
        assertThat(IterationModes.of(new long[] {1_000, 1_499}).isSplit()).isFalse();
        // 1.4999 would print as 1.50 with two decimals, which would read as the target itself
        assertThat(IterationModes.of(new long[] {10_000, 14_999}).describe()).isEqualTo("iteration medians agree within 1.4999x");
    }

    @Test
    void aSpreadBeyondTheTargetWithoutAGapIsSaidAsSuch() {
        IterationModes modes = IterationModes.of(new long[] {10_000, 14_000, 19_600});
        assertThat(modes.isSplit()).isFalse();
        assertThat(modes.withinFidelityTarget()).isFalse();
        assertThat(modes.describe()).isEqualTo("iteration medians spread over 1.96x, more than the 1.5x target, "
                + "with no gap of 1.5x or more between neighbours");
    }

    @Test
    void threeGroupsAndOneIteration() {
        assertThat(IterationModes.of(new long[] {5_000, 11_000, 41_000, 40_000}).describe()).isEqualTo(
                "iteration medians split into 3 groups: about 5.00 us (1 of 4 iterations), about 11.0 us (1 of 4) "
                + "and about 40.0 us (2 of 4)");
        assertThat(IterationModes.of(new long[] {5_000}).describe()).isEqualTo("one iteration: no iteration medians to compare");
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> IterationModes.of(new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no iteration median");
        assertThatThrownBy(() -> IterationModes.of(new long[] {0, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
    }
}
