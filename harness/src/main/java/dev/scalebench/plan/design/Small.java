package dev.scalebench.plan.design;

/** Dense linear algebra on matrices of at most a few rows (Fisher information of one series). */
final class Small {
    private Small() {
    }

    /** The inverse of the symmetric matrix {@code m}, or {@code null} when it is singular (to 1e-12 relative). */
    static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
            scale = Math.max(scale, Math.abs(m[i][i]));
        }
        if (!(scale > 0)) {
            return null;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) <= 1e-12 * scale) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double p = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** {@code jᵀ · m · j}. */
    static double quadratic(double[][] m, double[] j) {
        double s = 0;
        for (int r = 0; r < m.length; r++) {
            double row = 0;
            for (int c = 0; c < m.length; c++) {
                row += m[r][c] * j[c];
            }
            s += j[r] * row;
        }
        return s;
    }

    /**
     * Weighted least squares: {@code θ} minimising {@code Σ w_i (y_i − x_i·θ)²}, or {@code null} when singular.
     *
     * @param x rows of the design matrix
     */
    static double[] leastSquares(double[][] x, double[] y, double[] w) {
        int p = x[0].length;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < p; r++) {
                xty[r] += w[i] * x[i][r] * y[i];
                for (int c = 0; c < p; c++) {
                    xtx[r][c] += w[i] * x[i][r] * x[i][c];
                }
            }
        }
        double[][] inv = inverse(xtx);
        if (inv == null) {
            return null;
        }
        double[] theta = new double[p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                theta[r] += inv[r][c] * xty[c];
            }
        }
        return theta;
    }
}
