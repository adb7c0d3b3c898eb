package dev.scalebench.analysis.fit;

/**
 * Non-negative least squares {@code min |A·b - z|² subject to b >= 0} for a handful of columns, exactly: every
 * support set is solved by Cholesky on the (equilibrated) normal equations and the best feasible one wins. The
 * optimum of the convex problem is the unconstrained solution on its own support, so enumeration finds it; with
 * at most 4 columns that is at most 15 tiny solves.
 */
final class Nnls {
    private static final double SINGULAR = 1e-13;

    private Nnls() {
    }

    /**
     * Solves the problem for {@code a} given row-major ({@code n} rows of {@code p}); returns the coefficients (all
     * zero when no non-empty support beats the empty one, or every such system is singular).
     */
    static double[] solve(double[] a, double[] z, int n, int p) {
        double[] g = new double[p * p];
        double[] h = new double[p];
        double zz = 0;
        for (int i = 0; i < n; i++) {
            int row = i * p;
            double zi = z[i];
            zz += zi * zi;
            for (int j = 0; j < p; j++) {
                double aij = a[row + j];
                h[j] += aij * zi;
                for (int k = 0; k <= j; k++) {
                    g[j * p + k] += aij * a[row + k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                g[k * p + j] = g[j * p + k];
            }
        }
        double[] best = new double[p];
        double bestRss = zz;
        double[] b = new double[p];
        int[] idx = new int[p];
        for (int mask = 1; mask < (1 << p); mask++) {
            int m = 0;
            for (int j = 0; j < p; j++) {
                if ((mask & (1 << j)) != 0) {
                    idx[m++] = j;
                }
            }
            if (!solveSubset(g, h, p, idx, m, b)) {
                continue;
            }
            boolean feasible = true;
            for (int q = 0; q < m; q++) {
                if (b[q] < 0) {
                    feasible = false;
                    break;
                }
            }
            if (!feasible) {
                continue;
            }
            double rss = zz;
            for (int q = 0; q < m; q++) {
                rss -= 2 * b[q] * h[idx[q]];
                for (int r = 0; r < m; r++) {
                    rss += b[q] * g[idx[q] * p + idx[r]] * b[r];
                }
            }
            if (rss < bestRss) {
                bestRss = rss;
                java.util.Arrays.fill(best, 0);
                for (int q = 0; q < m; q++) {
                    best[idx[q]] = b[q];
                }
            }
        }
        return best;
    }

    /** Cholesky on the equilibrated sub-system {@code G[S,S] b = h[S]}; false when (nearly) singular. */
    private static boolean solveSubset(double[] g, double[] h, int p, int[] idx, int m, double[] out) {
        double[] d = new double[m];
        for (int q = 0; q < m; q++) {
            double gq = g[idx[q] * p + idx[q]];
            if (!(gq > 0)) {
                return false;
            }
            d[q] = 1 / Math.sqrt(gq);
        }
        double[] l = new double[m * m];
        for (int q = 0; q < m; q++) {
            for (int r = 0; r <= q; r++) {
                double s = g[idx[q] * p + idx[r]] * d[q] * d[r];
                for (int k = 0; k < r; k++) {
                    s -= l[q * m + k] * l[r * m + k];
                }
                if (q == r) {
                    if (s <= SINGULAR) {
                        return false;
                    }
                    l[q * m + q] = Math.sqrt(s);
                } else {
                    l[q * m + r] = s / l[r * m + r];
                }
            }
        }
        double[] y = new double[m];
        for (int q = 0; q < m; q++) {
            double s = h[idx[q]] * d[q];
            for (int k = 0; k < q; k++) {
                s -= l[q * m + k] * y[k];
            }
            y[q] = s / l[q * m + q];
        }
        for (int q = m - 1; q >= 0; q--) {
            double s = y[q];
            for (int k = q + 1; k < m; k++) {
                s -= l[k * m + q] * out[k];
            }
            out[q] = s / l[q * m + q];
        }
        for (int q = 0; q < m; q++) {
            out[q] *= d[q];
        }
        return true;
    }
}
