package dev.scalebench.analysis.fit;

import dev.scalebench.stats.StudentT;

/**
 * The profile-likelihood interval of a form's nonlinear parameter (the roofline's knee): the set of values at which
 * the fit, refitted with the parameter held there and the linear coefficients free, is not significantly worse than
 * the best fit.
 *
 * <p>Method. At the full fit's Huber scale {@code s} (threshold {@code c = 1.345·s}) the profile loss
 * {@code P(φ) = min over β ≥ 0 of Σ ρ_c(ln y - ln f(x; β, φ))} is evaluated on {@value #GRID} values of {@code φ}
 * spaced evenly in {@code ln φ} over the form's bounds, and {@code φ} is kept where
 * <pre>
 *     2·(P(φ) - P_min) / (λ·s²)  ≤  t²(n - p, confidence)  = F(1, n - p; confidence)
 * </pre>
 * with {@code n} observations and {@code p} fitted parameters. This is the robust "drop in dispersion" test of
 * Schrader and Hettmansperger (1980) for M-estimators: for Huber's loss the scaled drop is {@code λ·χ²₁} with
 * {@code λ = E[ψ²]/E[ψ']}, estimated from the full fit's residuals as
 * {@code (Σ ψ(r/s)² / (n - p)) / (share of |r/s| ≤ 1.345)} (at the normal {@code 0.710 / 0.821 = 0.86});
 * {@code F(1, n - p)} rather than {@code χ²₁} because {@code s} is itself estimated from the
 * {@code n - p} residual degrees of freedom. Least squares is the case {@code λ = 1}: the textbook F interval.
 * Each end is the outermost grid value kept, refined by {@value #BISECT} bisections against its outer neighbour;
 * a set that reaches a bound ends there, the edge of the measured range (the knee is kept within it). Gaps inside
 * the set (a second basin between measured levels) are filled: the interval is the set's hull.
 *
 * <p>Why not the bootstrap. The knee's bootstrap distribution is lumpy: with levels a factor 2 apart, the fit
 * jumps between basins on either side of a measured level, and with 3 trials per point the percentile interval
 * covered about 0.85 of the time against the nominal 0.95 (docs/analysis.md, "Uncertainty"). The profile uses every
 * residual degree of freedom for the noise, not only the within-point ones, and follows the loss across basins.
 */
final class ProfileInterval {
    /** Values of the parameter on which the profile is evaluated. */
    static final int GRID = 160;
    /** Bisection steps refining each end. */
    static final int BISECT = 30;

    private ProfileInterval() {
    }

    /**
     * The interval {lo, hi} of {@code f}'s nonlinear parameter in natural units ({@link Form#nonlinearNatural}) at
     * {@code confidence}, around the full fit {@code sol} of {@code d}; {NaN, NaN} when there are no residual
     * degrees of freedom or no residual inside the Huber threshold.
     */
    static double[] of(Form f, Obs d, Solver.Solution sol, double confidence) {
        int n = d.n();
        int p = f.size();
        double s = sol.scale();
        double[] r = sol.residuals();
        double psi2 = 0;
        int inside = 0;
        for (double v : r) {
            double z = Math.abs(v / s);
            double clipped = Math.min(z, Huber.TUNING);
            psi2 += clipped * clipped;
            if (z <= Huber.TUNING) {
                inside++;
            }
        }
        if (n - p < 1 || inside == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double lambda = (psi2 / (n - p)) / (inside / (double) n);
        double t = StudentT.critical(n - p, confidence);
        double allowed = 0.5 * lambda * s * s * t * t;
        double c = Huber.threshold(s);
        int k = f.linear();
        double[] bounds = f.bounds(d);
        double[] phi = new double[GRID];
        double[] loss = new double[GRID];
        double best = LocalFit.loss(f, d, sol.theta(), c);
        for (int g = 0; g < GRID; g++) {
            phi[g] = bounds[0] * Math.pow(bounds[1] / bounds[0], g / (GRID - 1.0));
            loss[g] = profile(f, d, phi[g], c);
            best = Math.min(best, loss[g]);
        }
        double limit = best + allowed;
        int first = -1;
        int last = -1;
        for (int g = 0; g < GRID; g++) {
            if (loss[g] <= limit) {
                last = g;
                if (first < 0) {
                    first = g;
                }
            }
        }
        double at = sol.theta()[k];
        double lo = at;
        double hi = at;
        if (first >= 0) {
            lo = Math.min(at, first == 0 ? bounds[0] : crossing(f, d, c, limit, phi[first - 1], phi[first]));
            hi = Math.max(at, last == GRID - 1 ? bounds[1] : crossing(f, d, c, limit, phi[last + 1], phi[last]));
        }
        return new double[] {natural(f, d, lo), natural(f, d, hi)};
    }

    /** The profile loss with the nonlinear parameter held at {@code phi}; infinite when no fit is finite. */
    static double profile(Form f, Obs d, double phi, double c) {
        double[] theta = new double[f.size()];
        theta[f.linear()] = phi;
        try {
            return LocalFit.profile(f, d, null, theta, c, LocalFit.LOOSE).loss();
        } catch (IllegalStateException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Bisection between {@code out} (loss above {@code limit}) and {@code in} (at most it); returns the inner end. */
    private static double crossing(Form f, Obs d, double c, double limit, double out, double in) {
        for (int i = 0; i < BISECT; i++) {
            double mid = Math.sqrt(out * in);
            if (profile(f, d, mid, c) <= limit) {
                in = mid;
            } else {
                out = mid;
            }
        }
        return in;
    }

    private static double natural(Form f, Obs d, double phi) {
        double[] theta = new double[f.size()];
        theta[f.linear()] = phi;
        return f.nonlinearNatural(theta, d);
    }
}
