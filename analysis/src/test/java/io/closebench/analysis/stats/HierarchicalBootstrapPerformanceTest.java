package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole report's worth of hierarchical bootstraps: 200 figures, each a ratio of two groups of
 * 2 forks x 4 iterations x 50 000 values, at 2000 resamples. Building the samples from histograms
 * is timed too. The bound is generous (measured well under it on 2 shared cores) so that a busy
 * machine does not make the test flaky; what it guards against is a regression to expanding values.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HierarchicalBootstrapPerformanceTest {

    private static final int FIGURES = 200;

    @Test
    void twoHundredFiguresOfTwoByFourByFiftyThousandValuesInAFewSeconds() {
        // 16 distinct iteration histograms of 50 000 values, shared by the figures: the bootstrap's
        // cost depends on the counts, not on whether two figures happen to hold equal histograms
        List<Histogram> pool = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pool.add(ForkedSamples.iteration(50_000, 20_000 + 1_000 * i, 0.5, 900 + i));
        }
        BootstrapSettings settings = BootstrapSettings.defaults();

        long start = System.nanoTime();
        int defined = 0;
        for (int f = 0; f < FIGURES; f++) {
            HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(group(pool, f), group(pool, f + 7), settings.withSeed(f));
            defined += ratio.interval().isDefined() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(defined).isEqualTo(FIGURES);
        assertThat(seconds).as("seconds for %d figures", FIGURES).isLessThan(20.0);
    }

    /** 2 forks x 4 iterations, picked from the pool by {@code offset}. */
    private static ForkedLatency group(List<Histogram> pool, int offset) {
        List<ForkedLatency.Fork> forks = new ArrayList<>();
        for (int fork = 0; fork < 2; fork++) {
            List<Histogram> iterations = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                iterations.add(pool.get((offset + 5 * fork + i) % pool.size()));
            }
            forks.add(new ForkedLatency.Fork(fork + 1, iterations));
        }
        return ForkedLatency.of(forks);
    }
}
