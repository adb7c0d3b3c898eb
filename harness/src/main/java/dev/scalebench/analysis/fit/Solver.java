package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.Numbers;
import java.util.Arrays;
import java.util.Locale;

/**
 * Robust log-space fitting of one {@link Form}: minimises {@code Σ rho(ln y - ln f(x))} with Huber's
 * {@code rho} at a scale fitted alongside ({@link Huber}): the first round is plain least squares, whose residuals'
 * MAD gives the first scale; then fits at the scale alternate with proposal-2 updates of it until it settles
 * (relative change under {@value #SCALE_TOL}, at most {@value #SCALE_ROUNDS} rounds).
 *
 * <p>At a fixed scale, linear coefficients come from Gauss–Newton/IRLS steps that are each a non-negative weighted
 * least-squares problem solved exactly ({@link Nnls}); the first step, linearised at the data, is the closed-form
 * fit with weights {@code 1/y²}; steps are halved until the Huber loss decreases. A nonlinear parameter is
 * searched on the form's grid with the coefficients profiled out that way, and the {@value #STARTS} best cells
 * are polished by Levenberg–Marquardt (Hipparchus) on all parameters, with Huber pseudo-residuals and bounds.
 * Two optima agree when their losses are within {@value #LIK_TOL}·scale² (about that much log-likelihood: a
 * likelihood-ratio test at 95 % cannot tell them apart) and every scaled parameter is within {@value #PARAM_TOL}
 * relative or one local standard error ({@link Damped#standardErrors}), whichever is larger (plus
 * {@value #PARAM_ABS} absolute). The fit counts as converged when at least {@value #MIN_AGREE} starts agree on the
 * best optimum, no start ends as good but elsewhere (a rival), and the loss is not flat in any direction at the
 * best (a power law with {@code k = 0} has no exponent). Starts that end in local optima that fit significantly
 * worse do not count against it: the hinge has one per interval between measured levels.
 */
final class Solver {
    static final int STARTS = 4;
    /** Starts that must reach the best optimum. */
    static final int MIN_AGREE = 2;
    /**
     * Starts agree on the loss when within this many squared scales of the best: about that much log-likelihood,
     * half the 95 % point of chi-squared with one degree of freedom, so a likelihood-ratio test cannot tell them
     * apart.
     */
    static final double LIK_TOL = 1.92;
    static final double PARAM_TOL = 0.02;
    static final double PARAM_ABS = 1e-6;
    static final double SCALE_TOL = 1e-3;
    /** Scale changes below one part per million of a log (nearly noiseless data, e.g. a simulator) count as settled. */
    private static final double SCALE_FLOOR = 1e-6;
    static final int SCALE_ROUNDS = 20;
    private static final int BOOTSTRAP_ROUNDS = 3;
    private static final int COARSE = 4;
    private static final double TIGHT = LocalFit.TIGHT;
    private static final double LOOSE = LocalFit.LOOSE;

    private Solver() {
    }

    /** A fit at its final scale. */
    record Solution(double[] theta, double scale, double[] residuals, boolean converged, String convergence) {
    }

    /**
     * The full fit. The scale rounds polish from the previous optimum (Levenberg–Marquardt for a nonlinear
     * parameter); once the scale has settled, the several starts are made at it, and should they find a better
     * optimum elsewhere the rounds go on from there (at most twice).
     */
    static Solution fit(Form f, Obs d) {
        LocalFit.Step s = solveAt(f, d, Double.POSITIVE_INFINITY, null, true);
        double scale = Huber.scale(LocalFit.residuals(f, d, s.theta()));
        String settled = null;
        int rounds = 0;
        for (int search = 0; search < 2; search++) {
            settled = null;
            while (settled == null && rounds < SCALE_ROUNDS) {
                rounds++;
                s = solveAt(f, d, Huber.threshold(scale), s.theta(), false);
                double next = Huber.proposal2(LocalFit.residuals(f, d, s.theta()), f.size());
                if (Math.abs(next - scale) <= SCALE_TOL * scale + SCALE_FLOOR) {
                    settled = String.format(Locale.ROOT, "Huber scale settled after %d round%s", rounds,
                            rounds == 1 ? "" : "s");
                }
                scale = next;
            }
            if (f.nonlinear() == 0) {
                break;
            }
            LocalFit.Step single = s;
            s = solveAt(f, d, Huber.threshold(scale), s.theta(), true);
            if (close(s.theta(), single.theta())) {
                break;
            }
        }
        String how;
        if (f.nonlinear() == 0) {
            how = "closed form (non-negative least squares, weights 1/y²) polished by Gauss–Newton/IRLS to the "
                    + "log-space Huber optimum";
        } else if (s.converged()) {
            how = String.format(Locale.ROOT, "Levenberg–Marquardt from the %d best grid cells: at least %d starts "
                    + "agree on the best optimum (loss within %s·scale², parameters within %s %%) and none ends as "
                    + "good elsewhere", STARTS, MIN_AGREE, LIK_TOL, 100 * PARAM_TOL);
        } else {
            how = "Levenberg–Marquardt starts from the " + STARTS + " best grid cells disagree: " + s.disagreement();
        }
        how += "; " + (settled != null ? settled
                : String.format(Locale.ROOT, "Huber scale still changing after %d rounds", rounds));
        return new Solution(s.theta(), scale, LocalFit.residuals(f, d, s.theta()), s.converged() && settled != null, how);
    }

    /**
     * A cheaper fit for bootstrap resamples, the scale re-estimated in up to {@value #BOOTSTRAP_ROUNDS} rounds. A
     * nonlinear parameter is polished ({@link Damped}) from two starts, the full-data optimum and the best of every
     * {@value #COARSE}th grid cell (each profiled by two Gauss–Newton steps only), and the better optimum kept: a
     * resample's optimum may lie in another basin, e.g. across a measured level from the knee, which a single start
     * would miss, narrowing the interval (in a simulation the knee's coverage rose from about 0.81 to 0.85).
     */
    static Solution refit(Form f, Obs d, Solution from) {
        double scale = from.scale;
        double[] theta = from.theta;
        for (int round = 0; round < BOOTSTRAP_ROUNDS; round++) {
            double c = Huber.threshold(scale);
            if (f.nonlinear() == 0) {
                theta = LocalFit.profile(f, d, round == 0 ? null : theta, theta, c, LOOSE).theta();
            } else {
                double[] near = Damped.minimize(f, d, theta, c);
                if (round == 0) {
                    double[] far = Damped.minimize(f, d, coarse(f, d, c), c);
                    theta = LocalFit.loss(f, d, far, c) < LocalFit.loss(f, d, near, c) ? far : near;
                } else {
                    theta = near;
                }
            }
            double next = Huber.proposal2(LocalFit.residuals(f, d, theta), f.size());
            boolean done = Math.abs(next - scale) <= SCALE_TOL * scale;
            scale = next;
            if (done) {
                break;
            }
        }
        return new Solution(theta, scale, LocalFit.residuals(f, d, theta), true, "single start");
    }

    private static double[] coarse(Form f, Obs d, double c) {
        double[] grid = f.grid(d);
        LocalFit.Step best = null;
        for (int g = COARSE / 2; g < grid.length; g += COARSE) {
            double[] theta = new double[f.size()];
            theta[f.linear()] = grid[g];
            LocalFit.Step s = LocalFit.profile(f, d, null, theta, c, LOOSE, 2);
            if (best == null || s.loss() < best.loss()) {
                best = s;
            }
        }
        return best.theta();
    }

    private static LocalFit.Step solveAt(Form f, Obs d, double c, double[] start, boolean multistart) {
        if (f.nonlinear() == 0) {
            return LocalFit.profile(f, d, start, new double[f.size()], c, TIGHT);
        }
        if (!multistart) {
            double[] t = LocalFit.polish(f, d, start, c);
            return new LocalFit.Step(t, LocalFit.loss(f, d, t, c), true, "");
        }
        double[] grid = f.grid(d);
        LocalFit.Step[] cells = new LocalFit.Step[grid.length];
        for (int g = 0; g < grid.length; g++) {
            double[] theta = new double[f.size()];
            theta[f.linear()] = grid[g];
            try {
                cells[g] = LocalFit.profile(f, d, null, theta, c, TIGHT);
            } catch (IllegalStateException e) {
                cells[g] = new LocalFit.Step(theta, Double.POSITIVE_INFINITY, false, "");
            }
        }
        Arrays.sort(cells, (a, b) -> Double.compare(a.loss(), b.loss()));
        int k = Math.min(STARTS, cells.length);
        double[][] optima = new double[k][];
        double[] losses = new double[k];
        int best = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(cells[i].loss())) {
                throw new IllegalStateException("no grid cell gives a finite fit");
            }
            optima[i] = LocalFit.polish(f, d, cells[i].theta(), c);
            losses[i] = LocalFit.loss(f, d, optima[i], c);
            if (losses[i] < losses[best]) {
                best = i;
            }
        }
        double s2 = c / Huber.TUNING * (c / Huber.TUNING);
        double tie = LIK_TOL * s2 + 1e-9 * losses[best];
        double[] se = Double.isFinite(c) ? Damped.standardErrors(f, d, optima[best], c, c / Huber.TUNING)
                : new double[f.size()];
        boolean flat = false;
        for (double v : se) {
            flat |= !Double.isFinite(v);
        }
        int agree = 0;
        int rivals = 0;
        int worse = 0;
        for (int i = 0; i < k; i++) {
            boolean asGood = losses[i] - losses[best] <= tie;
            if (asGood && close(optima[i], optima[best], se)) {
                agree++;
            } else if (asGood) {
                rivals++;
            } else {
                worse++;
            }
        }
        boolean converged = agree >= MIN_AGREE && rivals == 0 && !flat;
        String why;
        if (flat) {
            why = String.format(Locale.ROOT, "the loss is flat in some direction at the best optimum (%s %s): the "
                    + "parameters are not determined", f.nonlinearName(),
                    Numbers.sig(f.nonlinearNatural(optima[best], d), 3));
        } else if (rivals > 0) {
            double far = Double.NaN;
            for (int i = 0; i < k; i++) {
                if (losses[i] - losses[best] <= tie && !close(optima[i], optima[best], se)) {
                    far = f.nonlinearNatural(optima[i], d);
                    break;
                }
            }
            why = String.format(Locale.ROOT, "%d of %d starts end as good as the best (within %s·scale²) but more "
                    + "than %s %% or a standard error away in parameters (%s %s against %s): the %s is not well "
                    + "determined", rivals, k,
                    LIK_TOL, 100 * PARAM_TOL, f.nonlinearName(), Numbers.sig(far, 3),
                    Numbers.sig(f.nonlinearNatural(optima[best], d), 3), f.nonlinearName());
        } else {
            why = String.format(Locale.ROOT, "only %d of %d starts reach the best optimum (the other %d end in "
                    + "local optima that fit worse)", agree, k, worse);
        }
        return new LocalFit.Step(optima[best], losses[best], converged, converged ? "" : why);
    }

    private static boolean close(double[] a, double[] b) {
        return close(a, b, new double[a.length]);
    }

    /** Within {@link #PARAM_TOL} relative or {@code se}, whichever is larger, plus {@link #PARAM_ABS}. */
    private static boolean close(double[] a, double[] b, double[] se) {
        for (int j = 0; j < a.length; j++) {
            double tol = Math.max(PARAM_TOL * Math.max(Math.abs(a[j]), Math.abs(b[j])), se[j]) + PARAM_ABS;
            if (Math.abs(a[j] - b[j]) > tol) {
                return false;
            }
        }
        return true;
    }
}
