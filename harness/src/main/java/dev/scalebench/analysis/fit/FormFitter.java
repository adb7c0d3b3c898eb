package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One form fitted to one series, with everything {@link FormFit} reports: the robust fit ({@link Solver}),
 * percentile intervals from the shared bootstrap resamples, AICc, leave-the-largest-levels-out validation, the
 * curve's band and warnings. The Akaike weight is filled in by {@link Fitter} once all forms are in.
 */
final class FormFitter {
    static final int BAND_POINTS = 40;

    private FormFitter() {
    }

    /** Why {@code f} cannot be fitted to {@code d}, or null when it can. */
    static String unfit(Form f, Obs d, Axis axis) {
        int levels = f.size() + 1;
        if (d.levelCount() < levels) {
            return String.format(Locale.ROOT, "%s needs %d %s levels, have %d", f.id, levels, axis.id(),
                    d.levelCount());
        }
        int obs = f.size() + 3;
        if (d.n() < obs) {
            return String.format(Locale.ROOT, "%s needs %d observations, have %d", f.id, obs, d.n());
        }
        return null;
    }

    /**
     * The form's fit; {@code draws} may be null (no intervals). Intervals are the central {@code level} percentile
     * intervals of the resampled estimates ({@link Resampler#expanded} for the nominal confidence), except the
     * derived quantity {@link Form#profiledDerived()} (the roofline's knee): its interval is the profile-likelihood
     * interval at the nominal {@link FitOptions#confidence()} ({@link ProfileInterval}), given whenever the
     * bootstrap is.
     */
    static FormFit fit(Form f, Axis axis, Obs d, Resampler.Draws draws, double level, FitOptions o) {
        double[][] resamples = draws == null ? null : draws.lv();
        Solver.Solution sol = Solver.fit(f, d);
        double[] nat = f.natural(sol.theta(), d);
        double[] der = f.derived(nat, d);
        int np = f.paramNames.length;
        double[] grid = bandGrid(d);
        double[] curve = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            curve[g] = f.latency(grid[g], sol.theta(), d);
        }
        int count = resamples == null ? 0 : resamples.length;
        double[][] boot = new double[np + der.length + grid.length][count];
        int ok = 0;
        double[] scratch = new double[f.linear()];
        for (int b = 0; b < count; b++) {
            Obs db = d.withLogs(resamples[b]);
            try {
                Solver.Solution s = Solver.refit(f, db, sol);
                double[] bn = f.natural(s.theta(), db);
                if (!allFinite(bn)) {
                    continue;
                }
                double[] bd = f.derived(bn, db);
                for (int j = 0; j < np; j++) {
                    boot[j][ok] = bn[j];
                }
                for (int j = 0; j < der.length; j++) {
                    boot[np + j][ok] = bd[j];
                }
                for (int g = 0; g < grid.length; g++) {
                    boot[np + der.length + g][ok] = f.latency(grid[g], s.theta(), db, scratch);
                }
                ok++;
            } catch (RuntimeException e) {
                // counted below as a failed resample
            }
        }
        double[][] ci = new double[boot.length][];
        for (int k = 0; k < boot.length; k++) {
            ci[k] = percentile(Arrays.copyOf(boot[k], ok), level);
        }
        int profiled = f.profiledDerived();
        if (profiled >= 0 && resamples != null) {
            double[] pi = ProfileInterval.of(f, d, sol, o.confidence());
            if (Double.isFinite(pi[0]) && Double.isFinite(pi[1])) {
                ci[np + profiled] = pi;
            }
        }
        List<String> flags = new ArrayList<>();
        String[] units = f.paramUnits(axis);
        List<Estimate> params = new ArrayList<>();
        for (int j = 0; j < np; j++) {
            params.add(new Estimate(f.paramNames[j], units[j], nat[j], ci[j][0], ci[j][1], false));
        }
        String[] dUnits = f.derivedUnits(axis);
        List<Estimate> derived = new ArrayList<>();
        for (int j = 0; j < der.length; j++) {
            boolean extra = f.derivedIsLevel(j) && extrapolated(der[j], d, o.extrapolationFactor());
            if (extra) {
                flags.add(extrapolationFlag(f.derivedNames[j], der[j], d, o.extrapolationFactor(), axis));
            }
            derived.add(new Estimate(f.derivedNames[j], dUnits[j], der[j], ci[np + j][0], ci[np + j][1], extra));
        }
        double[] lo = new double[grid.length];
        double[] hi = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            lo[g] = ci[np + der.length + g][0];
            hi[g] = ci[np + der.length + g][1];
        }
        if (!sol.converged()) {
            flags.add("not converged: " + sol.convergence());
        }
        if (o.bootstrap() > 0 && resamples == null) {
            flags.add("one trial per point: the bootstrap cannot estimate the noise, so there are no intervals");
        }
        if (count - ok > 0) {
            flags.add(String.format(Locale.ROOT, "%d of %d bootstrap resamples failed and were left out",
                    count - ok, count));
        }
        if (f.nonlinear() > 0) {
            double[] b = f.bounds(d);
            double phi = sol.theta()[f.linear()];
            if (phi <= b[0] * (1 + 1e-6) || phi >= b[1] * (1 - 1e-6)) {
                flags.add(f.edgeFlag(phi));
            }
        }
        List<Validation> validation = validate(f, d, o.maxLeaveOut(), flags);
        return new FormFit(f.id, f.formula, params, derived, aicc(sol.residuals(), f.size()), Double.NaN,
                sol.scale(), sol.converged(), sol.convergence(), sol.residuals(), validation,
                new Band(grid, curve, lo, hi), count - ok, flags);
    }

    /** AICc of the log-space fit: Gaussian likelihood of the residuals, the scale counted as a parameter. */
    static double aicc(double[] r, int params) {
        int n = r.length;
        int k = params + 1;
        double rss = 0;
        for (double v : r) {
            rss += v * v;
        }
        double sigma2 = Math.max(rss / n, 1e-24);
        return n * Math.log(sigma2) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    private static List<Validation> validate(Form f, Obs d, int maxLeaveOut, List<String> flags) {
        List<Validation> out = new ArrayList<>();
        for (int leave = 1; leave <= maxLeaveOut && d.levelCount() - leave >= f.size() + 1; leave++) {
            Obs kept = d.upTo(d.levels[d.levelCount() - leave - 1]);
            try {
                Solver.Solution s = Solver.fit(f, kept);
                double[] xs = Arrays.copyOfRange(d.levels, d.levelCount() - leave, d.levelCount());
                double[] pred = new double[leave];
                double[] obs = new double[leave];
                double worst = 0;
                for (int k = 0; k < leave; k++) {
                    pred[k] = f.latency(xs[k], s.theta(), kept);
                    obs[k] = observedAt(d, xs[k]);
                    worst = Math.max(worst, Math.abs(pred[k] / obs[k] - 1));
                }
                out.add(new Validation(leave, xs, pred, obs, worst));
            } catch (RuntimeException e) {
                flags.add("validation leaving out " + leave + " levels failed: " + e.getMessage());
            }
        }
        return out;
    }

    private static double observedAt(Obs d, double x) {
        double[] ys = new double[d.n()];
        int m = 0;
        for (int i = 0; i < d.n(); i++) {
            if (d.x[i] == x) {
                ys[m++] = d.y(i);
            }
        }
        return Stats.geometricMean(Arrays.copyOf(ys, m));
    }

    private static boolean extrapolated(double v, Obs d, double factor) {
        return v > factor * d.maxLevel() || v < d.minLevel() / factor;
    }

    private static String extrapolationFlag(String name, double v, Obs d, double factor, Axis axis) {
        if (v > factor * d.maxLevel()) {
            return String.format(Locale.ROOT, "%s = %s %s is extrapolated: beyond %s× the largest measured %s, %s",
                    name, level(v), axis.id(), Numbers.sig(factor, 3), axis.id(), level(d.maxLevel()));
        }
        return String.format(Locale.ROOT, "%s = %s %s is extrapolated: below the smallest measured %s, %s, / %s",
                name, level(v), axis.id(), axis.id(), level(d.minLevel()), Numbers.sig(factor, 3));
    }

    /**
     * A level for people: a whole number below 100 000 as it is ({@code 4096}), other values below 1000 to two
     * significant digits ({@code 48}, {@code 0.73}), the rest with an SI prefix ({@code 1.2k}, {@code 7G}).
     */
    static String level(double v) {
        if (Math.abs(v) < 1e5 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return Math.abs(v) < 1000 ? Numbers.sig(v, 2) : Numbers.si(v);
    }

    private static double[] bandGrid(Obs d) {
        double lo = d.minLevel();
        double hi = d.maxLevel();
        double[] g = new double[BAND_POINTS];
        for (int i = 0; i < BAND_POINTS; i++) {
            g[i] = lo * Math.pow(hi / lo, i / (BAND_POINTS - 1.0));
        }
        g[0] = lo;
        g[BAND_POINTS - 1] = hi;
        return g;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The central {@code confidence} percentile interval (type 7) of {@code v}; NaN values are dropped, infinite
     * ones kept as order statistics; {NaN, NaN} when nothing is left.
     */
    static double[] percentile(double[] v, double confidence) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tail = (1 - confidence) / 2;
        return new double[] {quantile(s, tail), quantile(s, 1 - tail)};
    }

    private static double quantile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        if (frac == 0 || sorted[lo] == sorted[hi]) {
            return sorted[lo];
        }
        if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi])) {
            return frac < 0.5 ? sorted[lo] : sorted[hi];
        }
        return Stats.quantileSorted(sorted, p);
    }
}
