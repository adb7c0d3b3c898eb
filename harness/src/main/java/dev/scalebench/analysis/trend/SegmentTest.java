package dev.scalebench.analysis.trend;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Student's two-sample t-test with pooled variance between two adjacent segments {@code x[a, b)} and
 * {@code x[b, c)}, two-sided (as Otava's candidate test, which is scipy's {@code ttest_ind} with equal variances).
 * Pooled rather than Welch: with segments of three runs Welch's degrees of freedom can drop towards 2 and its
 * power with them, while the noise of one benchmark on one machine is close to constant across a change of
 * level.
 *
 * @param n1 runs before
 * @param n2 runs after
 * @param mean1 mean before
 * @param mean2 mean after
 * @param t the t statistic, {@code (mean2 - mean1) / se}
 * @param p the two-sided p-value; 0 when both segments are constant and differ, 1 when they are equal
 */
record SegmentTest(int n1, int n2, double mean1, double mean2, double t, double p) {

    /** The test of {@code x[a, b)} against {@code x[b, c)}; each side needs at least one value, together three. */
    static SegmentTest of(double[] x, int a, int b, int c) {
        int n1 = b - a;
        int n2 = c - b;
        double m1 = mean(x, a, b);
        double m2 = mean(x, b, c);
        double ss = squares(x, a, b, m1) + squares(x, b, c, m2);
        int df = n1 + n2 - 2;
        if (n1 < 1 || n2 < 1 || df < 1) {
            return new SegmentTest(n1, n2, m1, m2, Double.NaN, 1);
        }
        double se = Math.sqrt(ss / df * (1.0 / n1 + 1.0 / n2));
        double diff = m2 - m1;
        // differences below rounding of the means count as none
        if (!(se > 1e-12 * Math.max(Math.abs(m1), Math.abs(m2)))) {
            boolean same = Math.abs(diff) <= 1e-12 * Math.max(Math.abs(m1), Math.abs(m2));
            return new SegmentTest(n1, n2, m1, m2, same ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff),
                    same ? 1 : 0);
        }
        double t = diff / se;
        double p = 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
        return new SegmentTest(n1, n2, m1, m2, t, Math.min(1, p));
    }

    /** The relative change of the means, {@code mean2 / mean1 - 1}; infinite when {@code mean1} is 0. */
    double relativeChange() {
        return relativeChange(mean1, mean2);
    }

    /** {@code after / before - 1}; 0 when both are 0, infinite when only {@code before} is. */
    static double relativeChange(double before, double after) {
        if (before == 0) {
            return after == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, after);
        }
        return after / before - 1;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return to > from ? s / (to - from) : Double.NaN;
    }

    private static double squares(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s;
    }
}
