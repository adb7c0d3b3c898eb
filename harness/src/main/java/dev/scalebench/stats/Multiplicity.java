package dev.scalebench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Multiple-testing corrections as adjusted p-values: reject hypothesis {@code i} at level {@code a} exactly when
 * its adjusted p-value is {@code <= a}. NaN p-values are not part of the family and stay NaN.
 */
public final class Multiplicity {

    private Multiplicity() {
    }

    /** Holm's step-down adjustment: controls the family-wise error rate under any dependence. */
    public static double[] holm(double[] p) {
        Integer[] idx = order(p);
        int m = idx.length;
        double[] adj = nanArray(p.length);
        double running = 0;
        for (int r = 0; r < m; r++) {
            double v = Math.min(1, (m - r) * p[idx[r]]);
            running = Math.max(running, v);
            adj[idx[r]] = running;
        }
        return adj;
    }

    /**
     * Benjamini–Hochberg's step-up adjustment: controls the false discovery rate for independent or positively
     * dependent tests.
     */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] idx = order(p);
        int m = idx.length;
        double[] adj = nanArray(p.length);
        double running = 1;
        for (int r = m - 1; r >= 0; r--) {
            double v = Math.min(1, p[idx[r]] * m / (r + 1));
            running = Math.min(running, v);
            adj[idx[r]] = running;
        }
        return adj;
    }

    /** Indices of the non-NaN p-values, ascending by p (ties by index). */
    private static Integer[] order(double[] p) {
        return java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
