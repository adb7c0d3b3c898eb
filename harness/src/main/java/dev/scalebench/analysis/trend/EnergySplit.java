package dev.scalebench.analysis.trend;

/**
 * The E-divisive means split search over one window {@code x[start, end)} (Matteson and James 2014, with α = 1):
 * for an interval {@code [a, b)} of the window, the split τ and the end κ ≤ b that maximise the scaled energy
 * distance between {@code X = x[a, τ)} and {@code Y = x[τ, κ)}
 *
 * <pre>
 * Q(τ, κ) = n·m / (n + m) · ( 2/(n·m) Σ|X_i − Y_j| − 2/(n(n−1)) Σ_{i&lt;k}|X_i − X_k| − 2/(m(m−1)) Σ_{j&lt;k}|Y_j − Y_k| )
 * </pre>
 *
 * with {@code n = τ − a} and {@code m = κ − τ}, both at least the minimum segment. Letting κ stop short of
 * {@code b} keeps a later change from diluting the contrast (Otava does the same). Column sums of the distance
 * matrix are cumulated once per window, so an interval of length L costs O(L²).
 */
final class EnergySplit {

    /**
     * A proposed split.
     *
     * @param tau the first index of the second part
     * @param q the energy statistic there
     */
    record Candidate(int tau, double q) { }

    private final double[] x;
    private final int start;
    private final int len;
    /** {@code cum[j][k]} = Σ_{i < k} |x[start+i] − x[start+j]|, window-local indices. */
    private final double[][] cum;

    EnergySplit(double[] x, int start, int end) {
        this.x = x;
        this.start = start;
        this.len = end - start;
        this.cum = new double[len][len + 1];
        for (int j = 0; j < len; j++) {
            double xj = x[start + j];
            double[] c = cum[j];
            for (int i = 0; i < len; i++) {
                c[i + 1] = c[i] + Math.abs(x[start + i] - xj);
            }
        }
    }

    /** Σ_{i in [from, to)} |x_i − x_j| (global indices). */
    private double colSum(int j, int from, int to) {
        double[] c = cum[j - start];
        return c[to - start] - c[from - start];
    }

    /**
     * The best split of {@code [a, b)} with at least {@code minSegment} values in both parts (first τ on ties),
     * or null when the interval is shorter than {@code 2 · minSegment}.
     */
    Candidate best(int a, int b, int minSegment) {
        if (b - a < 2 * minSegment) {
            return null;
        }
        int bestTau = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        double withinX = 0;
        for (int i = a + 1; i < a + minSegment; i++) {
            withinX += colSum(i, a, i);
        }
        for (int tau = a + minSegment; tau <= b - minSegment; tau++) {
            if (tau > a + minSegment) {
                withinX += colSum(tau - 1, a, tau - 1);
            }
            int n = tau - a;
            double between = 0;
            double withinY = 0;
            for (int kappa = tau + 1; kappa <= b; kappa++) {
                int last = kappa - 1;
                between += colSum(last, a, tau);
                withinY += colSum(last, tau, last);
                int m = kappa - tau;
                if (m < minSegment) {
                    continue;
                }
                double e = 2 * between / ((double) n * m) - 2 * withinX / ((double) n * (n - 1))
                        - 2 * withinY / ((double) m * (m - 1));
                double q = (double) n * m / (n + m) * e;
                if (q > bestQ) {
                    bestQ = q;
                    bestTau = tau;
                }
            }
        }
        return bestTau < 0 ? null : new Candidate(bestTau, bestQ);
    }
}
