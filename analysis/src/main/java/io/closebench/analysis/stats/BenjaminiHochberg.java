package io.closebench.analysis.stats;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The Benjamini-Hochberg step-up procedure (Benjamini &amp; Hochberg 1995): which of {@code m}
 * hypotheses to reject so that the expected share of false rejections among all rejections (the
 * false discovery rate) is at most {@code q}, for independent or positively dependent p-values.
 *
 * <p>Why: a comparison of two results folders asks the same question of every figure at once. At a
 * per-figure 5 % level, 60 figures without any real change still show about three "changes"; BH
 * keeps the share of such false alarms among the reported changes at {@code q} while giving up far
 * less power than Bonferroni's {@code q/m} for each.
 *
 * <p><b>Procedure.</b> Sort the p-values ascending, {@code p(1) <= ... <= p(m)}; find the largest
 * {@code k} with {@code p(k) <= k q / m}; reject the hypotheses of {@code p(1) ... p(k)} (all of
 * them, even one whose own {@code p(i)} is above {@code i q / m}: that is what makes it step-up).
 * The comparisons are exact: each {@code double} is compared as the decimal it is, so a p-value
 * of exactly {@code k q / m} is rejected as the definition says.
 *
 * <p>{@link #adjusted(int)} is the BH-adjusted p-value, {@code min over j >= i of m p(j) / j},
 * capped at 1 (R's {@code p.adjust(p, "BH")}): hypothesis {@code i} is rejected at any
 * {@code q >= adjusted(i)}.
 */
public final class BenjaminiHochberg {

    private final double q;
    private final boolean[] rejected;
    private final double[] adjusted;
    private final int rejections;

    private BenjaminiHochberg(double[] pValues, double q) {
        this.q = q;
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i])); // stable: ties keep input order
        int k = 0;
        BigDecimal exactQ = new BigDecimal(q);
        BigDecimal size = BigDecimal.valueOf(m);
        for (int rank = 1; rank <= m; rank++) {
            // p(rank) <= rank q / m  <=>  p(rank) m <= rank q, exact
            if (new BigDecimal(pValues[order[rank - 1]]).multiply(size)
                    .compareTo(exactQ.multiply(BigDecimal.valueOf(rank))) <= 0) {
                k = rank;
            }
        }
        rejected = new boolean[m];
        for (int rank = 1; rank <= k; rank++) {
            rejected[order[rank - 1]] = true;
        }
        rejections = k;
        adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            running = Math.min(running, pValues[order[rank - 1]] * m / rank);
            adjusted[order[rank - 1]] = running;
        }
    }

    /**
     * @param pValues one p-value per hypothesis, each in {@code [0, 1]}, not modified; may be empty
     * @param q false discovery rate to control, in {@code (0, 1)}, e.g. 0.05
     * @return the decisions
     * @throws IllegalArgumentException on a p-value outside {@code [0, 1]} or NaN, or a bad {@code q}
     */
    public static BenjaminiHochberg of(double[] pValues, double q) {
        Objects.requireNonNull(pValues, "pValues");
        if (!(q > 0.0 && q < 1.0)) {
            throw new IllegalArgumentException("false discovery rate q must lie strictly between 0 and 1, got " + q);
        }
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0)) {
                throw new IllegalArgumentException("p-value " + i + " is " + pValues[i] + ", not in [0, 1]");
            }
        }
        return new BenjaminiHochberg(pValues.clone(), q);
    }

    /** @return the number of hypotheses, {@code m} */
    public int size() {
        return rejected.length;
    }

    /** @return the false discovery rate controlled */
    public double q() {
        return q;
    }

    /** @return how many hypotheses are rejected */
    public int rejections() {
        return rejections;
    }

    /**
     * @param i index into the p-values as given
     * @return whether hypothesis {@code i} is rejected (a discovery)
     */
    public boolean rejected(int i) {
        return rejected[i];
    }

    /**
     * @param i index into the p-values as given
     * @return its BH-adjusted p-value, in {@code [0, 1]}
     */
    public double adjusted(int i) {
        return adjusted[i];
    }
}
