package io.closebench.analysis.stats;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The one resampling step of every bootstrap here: {@code target.length} draws with replacement,
 * each index uniform on {@code [0, source.length)} via {@link RandomGenerator#nextInt(int)}
 * (unbiased), consumed in array order so that a seed fixes the result.
 */
final class Resampling {

    private Resampling() {
    }

    static void drawWithReplacement(double[] source, double[] target, RandomGenerator random) {
        int n = source.length;
        for (int i = 0; i < target.length; i++) {
            target[i] = source[random.nextInt(n)];
        }
    }
}
