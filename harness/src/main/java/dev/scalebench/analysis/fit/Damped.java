package dev.scalebench.analysis.fit;

/**
 * A small allocation-light Levenberg–Marquardt for the bootstrap's single-start refits of a form with a nonlinear
 * parameter: the same Huber pseudo-residuals and bounds as {@link Solver#polish}, which uses Hipparchus for the
 * full-data fits, but with the normal equations of at most four parameters solved directly (Marquardt's diagonal
 * scaling, the damping raised ×10 on a rejected step and lowered ×10 on an accepted one). On these tiny problems it
 * is about twenty times cheaper than the general optimizer, which matters at 2000 resamples per form.
 */
final class Damped {
    private static final int MAX_ITERATIONS = 100;
    /** Stop when no parameter moves by more than this, relative. */
    private static final double TOL = 1e-8;
    /** Or when the loss falls by less than this, relative: at a kink (the knee at a level) LM zigzags. */
    private static final double COST_TOL = 1e-10;

    private Damped() {
    }

    /** Minimises the Huber loss at threshold {@code c} from {@code start}; returns the optimum. */
    static double[] minimize(Form f, Obs d, double[] start, double c) {
        int n = d.n();
        int p = f.size();
        double[] bounds = f.bounds(d);
        double[] theta = start.clone();
        double[] e = new double[n];
        double[] jac = new double[n * p];
        double[] g = new double[p];
        double cost = evaluate(f, d, theta, c, e, jac, g);
        double[] trial = new double[p];
        double[] te = new double[n];
        double[] tj = new double[n * p];
        double[] a = new double[p * p];
        double[] grad = new double[p];
        double[] step = new double[p];
        double lambda = 1e-3;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    double jij = jac[i * p + j];
                    grad[j] += jij * e[i];
                    for (int k = 0; k <= j; k++) {
                        a[j * p + k] += jij * jac[i * p + k];
                    }
                }
            }
            boolean accepted = false;
            while (!accepted && lambda < 1e12) {
                if (!solveDamped(a, grad, p, lambda, step)) {
                    lambda *= 10;
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    trial[j] = clamp(theta[j] - step[j], j, f.linear(), bounds);
                }
                double tc = evaluate(f, d, trial, c, te, tj, g);
                if (tc <= cost) {
                    double moved = 0;
                    for (int j = 0; j < p; j++) {
                        moved = Math.max(moved, Math.abs(trial[j] - theta[j]) / (Math.abs(theta[j]) + 1e-6));
                    }
                    boolean done = moved <= TOL || cost - tc <= COST_TOL * cost;
                    System.arraycopy(trial, 0, theta, 0, p);
                    System.arraycopy(te, 0, e, 0, n);
                    System.arraycopy(tj, 0, jac, 0, n * p);
                    cost = tc;
                    lambda = Math.max(lambda / 10, 1e-12);
                    accepted = true;
                    if (done) {
                        return theta;
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!accepted) {
                return theta;
            }
        }
        return theta;
    }

    private static double clamp(double v, int j, int linear, double[] bounds) {
        return j < linear ? Math.max(0, v) : Math.min(bounds[1], Math.max(bounds[0], v));
    }

    /**
     * Local standard errors of the parameters at an optimum: {@code s·sqrt(diag((JᵀJ)⁻¹))} with {@code J} the
     * Jacobian of the Huber pseudo-residuals; infinite when {@code JᵀJ} is (nearly) singular, i.e. the loss is flat
     * in some direction.
     */
    static double[] standardErrors(Form f, Obs d, double[] theta, double c, double scale) {
        int n = d.n();
        int p = f.size();
        double[] e = new double[n];
        double[] jac = new double[n * p];
        double[] se = new double[p];
        java.util.Arrays.fill(se, Double.POSITIVE_INFINITY);
        if (!Double.isFinite(evaluate(f, d, theta, c, e, jac, new double[p]))) {
            return se;
        }
        double[] a = new double[p * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    a[j * p + k] += jac[i * p + j] * jac[i * p + k];
                }
            }
        }
        double[] unit = new double[p];
        double[] col = new double[p];
        for (int j = 0; j < p; j++) {
            if (!(a[j * p + j] > 1e-12 * n)) {
                return se;
            }
        }
        for (int j = 0; j < p; j++) {
            java.util.Arrays.fill(unit, 0);
            unit[j] = 1;
            if (!solveDamped(a, unit, p, 0, col) || !(col[j] > 0)) {
                java.util.Arrays.fill(se, Double.POSITIVE_INFINITY);
                return se;
            }
            se[j] = scale * Math.sqrt(col[j]);
        }
        return se;
    }

    /** Pseudo-residuals and their Jacobian at {@code theta}; returns the sum of squares (infinite if undefined). */
    private static double evaluate(Form f, Obs d, double[] theta, double c, double[] e, double[] jac, double[] g) {
        int p = f.size();
        int lin = f.linear();
        double cost = 0;
        for (int i = 0; i < e.length; i++) {
            f.basis(d.u[i], theta, g);
            double v = 0;
            for (int j = 0; j < lin; j++) {
                v += theta[j] * g[j];
            }
            if (!(v > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            f.nonlinearGradient(d.u[i], theta, g);
            double r = d.lv[i] - Math.log(v);
            e[i] = Huber.pseudo(r, c);
            double slope = -Huber.pseudoSlope(r, c) / v;
            for (int j = 0; j < p; j++) {
                jac[i * p + j] = slope * g[j];
            }
            cost += e[i] * e[i];
        }
        return cost;
    }

    /** Solves {@code (A + λ·diag(A)) x = b} by Cholesky ({@code A} lower triangle filled); false if singular. */
    private static boolean solveDamped(double[] a, double[] b, int p, double lambda, double[] x) {
        double[] l = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double s = a[j * p + k];
                if (j == k) {
                    s += lambda * Math.max(a[j * p + j], 1e-300);
                }
                for (int m = 0; m < k; m++) {
                    s -= l[j * p + m] * l[k * p + m];
                }
                if (j == k) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[j * p + j] = Math.sqrt(s);
                } else {
                    l[j * p + k] = s / l[k * p + k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            double s = b[j];
            for (int m = 0; m < j; m++) {
                s -= l[j * p + m] * x[m];
            }
            x[j] = s / l[j * p + j];
        }
        for (int j = p - 1; j >= 0; j--) {
            double s = x[j];
            for (int m = j + 1; m < p; m++) {
                s -= l[m * p + j] * x[m];
            }
            x[j] = s / l[j * p + j];
        }
        return true;
    }
}
