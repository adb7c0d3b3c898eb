package dev.scalebench.analysis.fit;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * The local steps of {@link Solver} at a fixed Huber threshold {@code c}: the linear coefficients for a fixed
 * nonlinear parameter (Gauss–Newton/IRLS, each step an exact NNLS), and the Levenberg–Marquardt polish of all
 * parameters (Hipparchus).
 */
final class LocalFit {
    static final double TIGHT = 1e-12;
    static final double LOOSE = 1e-7;
    private static final int GN_ITERATIONS = 100;

    private LocalFit() {
    }

    /** A local optimum: parameters, Huber loss, whether it converged, and why not (for multistart). */
    record Step(double[] theta, double loss, boolean converged, String disagreement) {
    }

    /** Log residuals {@code ln y - ln f(x)} in observation order. */
    static double[] residuals(Form f, Obs d, double[] theta) {
        double[] r = new double[d.n()];
        double[] g = new double[f.linear()];
        for (int i = 0; i < r.length; i++) {
            r[i] = d.lv[i] - Math.log(f.value(d.u[i], theta, g));
        }
        return r;
    }

    static double loss(Form f, Obs d, double[] theta, double c) {
        double[] r = residuals(f, d, theta);
        for (double v : r) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return Huber.loss(r, c);
    }

    /**
     * The linear coefficients for the nonlinear parameter in {@code theta} (kept): Gauss–Newton/IRLS from the data
     * (or from {@code start}'s coefficients when given), each step an exact weighted NNLS, halved until the Huber
     * loss at threshold {@code c} decreases; stops when a step moves the coefficients by less than {@code tol}
     * relative.
     */
    static Step profile(Form f, Obs d, double[] start, double[] theta, double c, double tol) {
        return profile(f, d, start, theta, c, tol, GN_ITERATIONS);
    }

    /** {@link #profile(Form, Obs, double[], double[], double, double)} with at most {@code iterations} steps. */
    static Step profile(Form f, Obs d, double[] start, double[] theta, double c, double tol, int iterations) {
        int n = d.n();
        int p = f.linear();
        double[] basis = new double[n * p];
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            f.basis(d.u[i], theta, g);
            System.arraycopy(g, 0, basis, i * p, p);
        }
        double[] fit = new double[n];
        double[] beta = null;
        double cur = Double.POSITIVE_INFINITY;
        if (start != null) {
            beta = Arrays.copyOf(start, p);
            cur = 0;
            for (int i = 0; i < n && cur < Double.POSITIVE_INFINITY; i++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += beta[j] * basis[i * p + j];
                }
                fit[i] = v;
                cur = v > 0 ? cur + Huber.rho(d.lv[i] - Math.log(v), c) : Double.POSITIVE_INFINITY;
            }
        }
        if (cur == Double.POSITIVE_INFINITY) {
            beta = null;
            for (int i = 0; i < n; i++) {
                fit[i] = Math.exp(d.lv[i]);
            }
        }
        double[] a = new double[n * p];
        double[] z = new double[n];
        double[] trial = new double[p];
        double[] trialFit = new double[n];
        boolean converged = false;
        for (int it = 0; it < iterations && !converged; it++) {
            for (int i = 0; i < n; i++) {
                double r = d.lv[i] - Math.log(fit[i]);
                double sw = Math.sqrt(Huber.weight(r, c));
                z[i] = sw * (r + 1);
                for (int j = 0; j < p; j++) {
                    a[i * p + j] = sw * basis[i * p + j] / fit[i];
                }
            }
            double[] next = Nnls.solve(a, z, n, p);
            double step = 1;
            boolean accepted = false;
            for (int half = 0; half < 40 && !accepted; half++, step /= 2) {
                for (int j = 0; j < p; j++) {
                    trial[j] = beta == null ? next[j] : beta[j] + step * (next[j] - beta[j]);
                }
                double l = 0;
                for (int i = 0; i < n && l < Double.POSITIVE_INFINITY; i++) {
                    double v = 0;
                    for (int j = 0; j < p; j++) {
                        v += trial[j] * basis[i * p + j];
                    }
                    trialFit[i] = v;
                    l = v > 0 ? l + Huber.rho(d.lv[i] - Math.log(v), c) : Double.POSITIVE_INFINITY;
                }
                if (l <= cur || beta == null && l < Double.POSITIVE_INFINITY) {
                    double moved = 0;
                    double size = 0;
                    for (int j = 0; j < p; j++) {
                        moved = Math.max(moved, Math.abs(trial[j] - (beta == null ? 0 : beta[j])));
                        size = Math.max(size, Math.abs(trial[j]));
                    }
                    converged = beta != null && (moved <= tol * (1 + size) || cur - l <= 1e-15 * cur);
                    beta = trial.clone();
                    System.arraycopy(trialFit, 0, fit, 0, n);
                    cur = l;
                    accepted = true;
                }
            }
            if (!accepted) {
                converged = beta != null;
                if (beta == null) {
                    throw new IllegalStateException(f.id + ": no positive fit");
                }
            }
        }
        double[] out = theta.clone();
        System.arraycopy(beta, 0, out, 0, p);
        return new Step(out, cur, converged, "");
    }

    /** Levenberg–Marquardt on all parameters, Huber pseudo-residuals at threshold {@code c}, within bounds. */
    static double[] polish(Form f, Obs d, double[] start, double c) {
        int n = d.n();
        int p = f.size();
        int lin = f.linear();
        double[] bounds = f.bounds(d);
        MultivariateJacobianFunction model = point -> {
            double[] t = point.toArray();
            double[] values = new double[n];
            double[][] jac = new double[n][p];
            double[] g = new double[p];
            for (int i = 0; i < n; i++) {
                f.basis(d.u[i], t, g);
                double v = 0;
                for (int j = 0; j < lin; j++) {
                    v += t[j] * g[j];
                }
                f.nonlinearGradient(d.u[i], t, g);
                v = Math.max(v, Double.MIN_NORMAL);
                double r = d.lv[i] - Math.log(v);
                values[i] = Huber.pseudo(r, c);
                double slope = -Huber.pseudoSlope(r, c) / v;
                for (int j = 0; j < p; j++) {
                    jac[i][j] = slope * g[j];
                }
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start.clone())
                .model(model)
                .target(new double[n])
                .parameterValidator(v -> {
                    for (int j = 0; j < lin; j++) {
                        v.setEntry(j, Math.max(0, v.getEntry(j)));
                    }
                    for (int j = lin; j < p; j++) {
                        v.setEntry(j, Math.min(bounds[1], Math.max(bounds[0], v.getEntry(j))));
                    }
                    return v;
                })
                .lazyEvaluation(false)
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build();
        double[] t = new LevenbergMarquardtOptimizer().optimize(problem).getPoint().toArray();
        double before = loss(f, d, start, c);
        return loss(f, d, t, c) <= before ? t : start.clone();
    }
}
