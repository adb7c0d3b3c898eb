package dev.scalebench.analysis.fit;

import java.util.Arrays;
import java.util.Locale;
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
 * Robust log-space fitting of one {@link Form}: minimises {@code Σ rho(ln y - ln f(x))} with Huber's
 * {@code rho} at a scale re-estimated from the residuals ({@link Huber}) until it settles (relative change under
 * {@value #SCALE_TOL}, at most {@value #SCALE_ROUNDS} rounds; the first round is plain least squares).
 *
 * <p>At a fixed scale, linear coefficients come from Gauss–Newton/IRLS steps that are each a non-negative weighted
 * least-squares problem solved exactly ({@link Nnls}); the first step, linearised at the data, is the closed-form
 * fit with weights {@code 1/y²}; steps are halved until the Huber loss decreases. A nonlinear parameter is
 * searched on the form's grid with the coefficients profiled out that way, and the {@value #STARTS} best cells
 * are polished by Levenberg–Marquardt (Hipparchus) on all parameters, with Huber pseudo-residuals and bounds.
 * The fit counts as converged when all starts agree: loss within a relative {@value #LOSS_TOL} and every scaled
 * parameter within {@value #PARAM_TOL} relative (plus {@value #PARAM_ABS} absolute).
 */
final class Solver {
    static final int STARTS = 4;
    static final double LOSS_TOL = 1e-6;
    static final double PARAM_TOL = 1e-3;
    static final double PARAM_ABS = 1e-6;
    static final double SCALE_TOL = 1e-3;
    static final int SCALE_ROUNDS = 10;
    private static final int BOOTSTRAP_ROUNDS = 3;
    private static final double TIGHT = 1e-12;
    private static final double LOOSE = 1e-7;
    private static final int GN_ITERATIONS = 100;

    private Solver() {
    }

    /** A fit at its final scale. */
    record Solution(double[] theta, double scale, double[] residuals, boolean converged, String convergence) {
    }

    private record Step(double[] theta, double loss, boolean converged, String disagreement) {
    }

    /** The full fit: several starts for a nonlinear parameter, scale re-estimated until it settles. */
    static Solution fit(Form f, Obs d) {
        Step s = solveAt(f, d, Double.POSITIVE_INFINITY, null);
        double scale = Huber.scale(residuals(f, d, s.theta));
        int rounds = 0;
        boolean settled = false;
        while (rounds < SCALE_ROUNDS) {
            rounds++;
            s = solveAt(f, d, Huber.threshold(scale), s.theta);
            double next = Huber.scale(residuals(f, d, s.theta));
            boolean done = Math.abs(next - scale) <= SCALE_TOL * scale;
            if (done) {
                settled = true;
                break;
            }
            scale = next;
        }
        String how;
        if (f.nonlinear() == 0) {
            how = "closed form (non-negative least squares, weights 1/y²) polished by Gauss–Newton/IRLS to the "
                    + "log-space Huber optimum";
        } else if (s.converged) {
            how = STARTS + " Levenberg–Marquardt starts from the best grid cells agree (loss within "
                    + LOSS_TOL + ", parameters within " + PARAM_TOL + " relative)";
        } else {
            how = "Levenberg–Marquardt starts from the " + STARTS + " best grid cells disagree: " + s.disagreement;
        }
        how += String.format(Locale.ROOT, "; Huber scale %s after %d round%s", settled ? "settled" : "still changing",
                rounds, rounds == 1 ? "" : "s");
        return new Solution(s.theta, scale, residuals(f, d, s.theta), s.converged && settled, how);
    }

    /** A cheaper fit for bootstrap resamples: a single start from {@code from}, the scale re-estimated. */
    static Solution refit(Form f, Obs d, Solution from) {
        double scale = from.scale;
        double[] theta = from.theta;
        for (int round = 0; round < BOOTSTRAP_ROUNDS; round++) {
            double c = Huber.threshold(scale);
            theta = f.nonlinear() == 0 ? profile(f, d, round == 0 ? null : theta, theta, c, LOOSE).theta
                    : Damped.minimize(f, d, theta, c);
            double next = Huber.scale(residuals(f, d, theta));
            boolean done = Math.abs(next - scale) <= SCALE_TOL * scale;
            scale = next;
            if (done) {
                break;
            }
        }
        return new Solution(theta, scale, residuals(f, d, theta), true, "single start");
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

    private static double loss(Form f, Obs d, double[] theta, double c) {
        double[] r = residuals(f, d, theta);
        for (double v : r) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return Huber.loss(r, c);
    }

    private static Step solveAt(Form f, Obs d, double c, double[] start) {
        if (f.nonlinear() == 0) {
            return profile(f, d, start, new double[f.size()], c, TIGHT);
        }
        double[] grid = f.grid(d);
        Step[] cells = new Step[grid.length];
        for (int g = 0; g < grid.length; g++) {
            double[] theta = new double[f.size()];
            theta[f.linear()] = grid[g];
            try {
                cells[g] = profile(f, d, null, theta, c, TIGHT);
            } catch (IllegalStateException e) {
                cells[g] = new Step(theta, Double.POSITIVE_INFINITY, false, "");
            }
        }
        Arrays.sort(cells, (a, b) -> Double.compare(a.loss, b.loss));
        int k = Math.min(STARTS, cells.length);
        double[][] optima = new double[k][];
        double[] losses = new double[k];
        int best = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(cells[i].loss)) {
                throw new IllegalStateException("no grid cell gives a finite fit");
            }
            optima[i] = polish(f, d, cells[i].theta, c);
            losses[i] = loss(f, d, optima[i], c);
            if (losses[i] < losses[best]) {
                best = i;
            }
        }
        int agree = 0;
        double worst = 0;
        for (int i = 0; i < k; i++) {
            boolean same = losses[i] - losses[best] <= LOSS_TOL * Math.abs(losses[best]) + 1e-300
                    && close(optima[i], optima[best]);
            if (same) {
                agree++;
            } else {
                worst = Math.max(worst, losses[i] / losses[best] - 1);
            }
        }
        String why = agree == k ? "" : String.format(Locale.ROOT,
                "%d of %d reach the best optimum, the others stop up to %.3g %% higher in loss or elsewhere in "
                        + "parameters (an ill-determined %s)", agree, k, 100 * worst,
                f.id.equals("roofline") ? "knee" : "exponent");
        return new Step(optima[best], losses[best], agree == k, why);
    }

    private static boolean close(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            if (Math.abs(a[j] - b[j]) > PARAM_TOL * Math.abs(b[j]) + PARAM_ABS) {
                return false;
            }
        }
        return true;
    }

    /**
     * The linear coefficients for the nonlinear parameter in {@code theta} (kept): Gauss–Newton/IRLS from the data
     * (or from {@code start}'s coefficients when given), each step an exact weighted NNLS, halved until the Huber
     * loss at threshold {@code c} decreases; stops when a step moves the coefficients by less than {@code tol}
     * relative.
     */
    static Step profile(Form f, Obs d, double[] start, double[] theta, double c, double tol) {
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
        for (int it = 0; it < GN_ITERATIONS && !converged; it++) {
            for (int i = 0; i < n; i++) {
                double r = d.lv[i] - Math.log(fit[i]);
                double sw = Math.sqrt(Huber.weight(r, c));
                z[i] = sw * (r + 1);
                for (int j = 0; j < p; j++) {
                    a[i * p + j] = sw * basis[i * p + j] / fit[i];
                }
            }
            double[] next = Nnls.solve(a, z, n, p);
            if (next == null) {
                throw new IllegalStateException(f.id + ": singular least-squares system");
            }
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
