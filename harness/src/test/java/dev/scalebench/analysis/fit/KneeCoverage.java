package dev.scalebench.analysis.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The knee's coverage simulation, shared by {@link BootstrapCoverageTest} (fast, in verify) and
 * {@link KneeCoverageSlowTest}: a roofline {@code t = max(a + c·b, d·b)} with {@code a = 1.5 ms} and the knee
 * {@code b* = a/(d - c)} given, over batch 1, 2, 4, … at 3 trials per point, lognormal noise.
 */
final class KneeCoverage {
    static final double A = 1.5e-3;

    /** One scenario: noise (log sd), true knee, number of batch levels (1, 2, 4, …), slope {@code c} below it. */
    record Scenario(double sigma, double knee, int levels, double c) {
        double d() {
            return A / knee + c;
        }

        Series series(int reps, long seed) {
            return Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, levels), reps, sigma, seed,
                    b -> Math.max(A + c * b, d() * b));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "σ %.2f, knee %s over batch 1..%d, c/d %.2f", sigma, knee,
                    1 << (levels - 1), c / d());
        }
    }

    /** Coverage counts out of the seeds whose full fit succeeded. */
    record Result(int covered, int seeds) {
        double coverage() {
            return covered / (double) seeds;
        }
    }

    private KneeCoverage() {
    }

    /** Coverage of the profile-likelihood knee interval (what the fitter reports) at nominal 95 %. */
    static Result profile(Scenario s, int reps, int seeds, long firstSeed) {
        return coverage(s, reps, seeds, firstSeed, (f, d, sol, seed) -> ProfileInterval.of(f, d, sol, 0.95));
    }

    /**
     * Coverage of the knee's corrected bootstrap percentile interval (inflated deviations, expanded level), the
     * interval the fitter reported before the profile: {@code resamples} refits per seed.
     */
    static Result bootstrap(Scenario s, int reps, int seeds, long firstSeed, int resamples) {
        return coverage(s, reps, seeds, firstSeed, (f, d, sol, seed) -> {
            Resampler.Draws draws = Resampler.draw(d, resamples, new SplittableRandom(seed),
                    Resampler.Scheme.INFLATED);
            double[] knees = new double[resamples];
            int ok = 0;
            for (double[] lv : draws.lv()) {
                Obs db = d.withLogs(lv);
                try {
                    knees[ok] = f.natural(Solver.refit(f, db, sol).theta(), db)[3];
                    ok++;
                } catch (RuntimeException e) {
                    // a failed resample is left out, as in FormFitter
                }
            }
            return FormFitter.percentile(Arrays.copyOf(knees, ok), Resampler.expanded(0.95, draws.df()));
        });
    }

    /** The knee interval of one seeded fit: {@code [lo, hi]}. */
    @FunctionalInterface
    private interface KneeInterval {
        double[] of(Form f, Obs d, Solver.Solution sol, int seed);
    }

    /** How often {@code interval} covers the scenario's true knee over {@code seeds} seeded series. */
    private static Result coverage(Scenario s, int reps, int seeds, long firstSeed, KneeInterval interval) {
        Form f = new RooflineForm();
        int covered = 0;
        int n = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Series series = s.series(reps, firstSeed + seed);
            Obs d = Obs.of(series.x(), series.y());
            Solver.Solution sol;
            try {
                sol = Solver.fit(f, d);
            } catch (RuntimeException e) {
                continue; // Fitter skips such a form with a note; no interval to judge
            }
            double[] ci = interval.of(f, d, sol, seed);
            n++;
            if (ci[0] <= s.knee() && s.knee() <= ci[1]) {
                covered++;
            }
        }
        return new Result(covered, n);
    }
}
