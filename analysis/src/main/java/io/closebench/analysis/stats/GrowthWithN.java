package io.closebench.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How a time grows with N, the number of connections that died at once, from a few trials at each N
 * (the trial is the unit):
 * <ul>
 *   <li>the <b>fitted exponent</b> b of {@code time ~ N^b}: the ordinary least-squares slope of
 *       ln(time) on ln(N), every trial at every N one point; its interval is a percentile bootstrap
 *       that redraws the trials with replacement within each N (each N keeps its number of trials)
 *       and refits. b = 1 is linear growth (a constant time per connection), b &lt; 1 a fixed cost
 *       that N does not change dominating, b &gt; 1 a time per connection that grows with N;</li>
 *   <li>the <b>local slopes</b>: between consecutive measured N, {@code ln(T2/T1) / ln(N2/N1)} of the
 *       medians over trials, and the lowest slope the trials allow (the slowest trial at the smaller
 *       N against the fastest at the larger);</li>
 *   <li>where it <b>departs from linear</b>: the smallest measured N whose local slope from the
 *       previous measured N exceeds {@value #DEPARTURE_SLOPE}, that is, where the time per connection
 *       grows by more than N^0.2 (a factor 1.58 from 100 to 1000): "beyond the trials' spread" when
 *       even the lowest slope the trials allow exceeds it.</li>
 * </ul>
 * The exponent over every measured N mixes the regimes (a fixed cost at small N, growth at large N);
 * the local slopes say where each holds.
 */
public final class GrowthWithN {

    /** A local slope above this departs from linear growth. */
    public static final double DEPARTURE_SLOPE = 1.2;

    /**
     * One measured N.
     *
     * @param n the number of connections
     * @param trials one value per trial, positive
     * @param spread their median and range
     */
    public record Point(int n, double[] trials, TrialSpread spread) {
    }

    /**
     * From one measured N to the next.
     *
     * @param fromN the smaller N
     * @param toN the larger N
     * @param slope of the medians over trials
     * @param lowestSlope from the largest trial at {@code fromN} to the smallest at {@code toN}
     */
    public record Step(int fromN, int toN, double slope, double lowestSlope) {

        /** @return whether this step departs from linear growth */
        public boolean departs() {
            return slope > DEPARTURE_SLOPE;
        }

        /** @return whether even the lowest slope the trials allow departs */
        public boolean beyondSpread() {
            return lowestSlope > DEPARTURE_SLOPE;
        }
    }

    /**
     * The fitted exponent.
     *
     * @param exponent the OLS slope of ln(time) on ln(N)
     * @param interval its percentile-bootstrap interval, trials redrawn within each N; undefined with one
     *     trial at every N
     * @param rSquared the fit's R squared
     * @param points how many trials entered it
     */
    public record Fit(double exponent, ConfidenceInterval interval, double rSquared, int points) {
    }

    private final List<Point> points;
    private final List<Step> steps;
    private final Optional<Fit> fit;

    private GrowthWithN(List<Point> points, List<Step> steps, Optional<Fit> fit) {
        this.points = List.copyOf(points);
        this.steps = List.copyOf(steps);
        this.fit = fit;
    }

    /**
     * @param trialsByN per N, one positive value per trial (N ascending); an N without trials is left out
     * @param settings resamples, level and seed of the exponent's bootstrap
     * @return the growth
     * @throws IllegalArgumentException on a value or N that is not positive
     */
    public static GrowthWithN of(SortedMap<Integer, double[]> trialsByN, BootstrapSettings settings) {
        List<Point> points = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : trialsByN.entrySet()) {
            double[] v = e.getValue().clone();
            if (v.length == 0) {
                continue;
            }
            if (e.getKey() < 1) {
                throw new IllegalArgumentException("N must be positive, got " + e.getKey());
            }
            for (double x : v) {
                if (!(x > 0) || Double.isInfinite(x)) {
                    throw new IllegalArgumentException("a time must be positive and finite, got " + x + " at N = " + e.getKey());
                }
            }
            points.add(new Point(e.getKey(), v, TrialSpread.of(v)));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            double span = Math.log((double) b.n() / a.n());
            steps.add(new Step(a.n(), b.n(), Math.log(b.spread().median() / a.spread().median()) / span,
                    Math.log(b.spread().min() / a.spread().max()) / span));
        }
        return new GrowthWithN(points, steps, points.size() < 2 ? Optional.empty() : Optional.of(fit(points, settings)));
    }

    private static Fit fit(List<Point> points, BootstrapSettings settings) {
        double[][] logs = new double[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            logs[i] = new double[points.get(i).trials().length];
            for (int j = 0; j < logs[i].length; j++) {
                logs[i][j] = Math.log(points.get(i).trials()[j]);
            }
        }
        SimpleRegression ols = regression(points, logs);
        int count = (int) ols.getN();
        boolean varies = points.stream().anyMatch(p -> p.trials().length > 1);
        if (!varies) {
            return new Fit(ols.getSlope(), ConfidenceInterval.undefined(settings.confidenceLevel(),
                    "one trial at every N: nothing to redraw"), ols.getRSquare(), count);
        }
        RandomGenerator random = settings.newRandom();
        double[] replicates = new double[settings.resamples()];
        double[][] drawn = new double[logs.length][];
        for (int r = 0; r < replicates.length; r++) {
            for (int i = 0; i < logs.length; i++) {
                drawn[i] = new double[logs[i].length];
                Resampling.drawWithReplacement(logs[i], drawn[i], random);
            }
            replicates[r] = regression(points, drawn).getSlope();
        }
        return new Fit(ols.getSlope(), settings.percentileInterval(replicates), ols.getRSquare(), count);
    }

    private static SimpleRegression regression(List<Point> points, double[][] logTimes) {
        SimpleRegression ols = new SimpleRegression(true);
        for (int i = 0; i < points.size(); i++) {
            double x = Math.log(points.get(i).n());
            for (double y : logTimes[i]) {
                ols.addData(x, y);
            }
        }
        return ols;
    }

    /** @return the measured N, ascending */
    public List<Point> points() {
        return points;
    }

    /** @return the local slopes between consecutive measured N */
    public List<Step> steps() {
        return steps;
    }

    /** @return the fitted exponent; empty with fewer than two measured N */
    public Optional<Fit> fit() {
        return fit;
    }

    /** @return the first step that departs from linear growth; its {@code toN} is where */
    public Optional<Step> departure() {
        return steps.stream().filter(Step::departs).findFirst();
    }
}
