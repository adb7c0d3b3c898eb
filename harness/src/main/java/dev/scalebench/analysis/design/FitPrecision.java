package dev.scalebench.analysis.design;

import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.Fitter;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.stats.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The replicates per point each fitted series needs for every parameter of its selected form to be known to a
 * relative 95 % interval half-width at most a target (docs/analysis.md, "Sample size from a pilot"), by simulation
 * from the pilot's fit.
 *
 * <p>Method, per series the analysis fitted: the true curve is the pilot's selected form at each level ({@code y /
 * exp(residual)}); the noise at a level is the pilot's trial-to-trial standard deviation of {@code ln y} there (the
 * point's CV, as in {@link PointSpread}; the series' pooled value where a level has one trial). For a candidate
 * {@code n} it draws {@link Sizing#simulations()} seeded data sets of {@code n} log-normal trials per level, refits
 * them with {@link Sizing#resamples()} bootstrap resamples (fewer than an analysis's 2000: enough for a median
 * width, not for a reported interval), and takes per parameter the median over data sets of {@code (hi − lo) / 2 /
 * |true value|}. The answer is the smallest of the candidates whose medians all meet the target: simulated at
 * the smallest candidate, then from the candidate the {@code 1/sqrt(n)} scaling of those widths predicts, stepping
 * down while the next smaller one also meets it and up while it does not; a series whose predicted widths at the
 * largest candidate exceed {@link #BEYOND_MARGIN} times the target is answered "beyond" without simulating it;
 * parameters the pilot fitted at exactly zero (a bound) have no relative width and are left out. Deterministic: every draw is seeded from {@link Sizing#seed()}, the series and
 * {@code n}.
 */
public final class FitPrecision {

    /** Replicates per point tried, besides the sweep's own. */
    public static final List<Integer> CANDIDATES = List.of(3, 5, 8, 12, 20, 30);

    /** Synthetic data sets per candidate {@code n} by default. */
    public static final int SIMULATIONS = 3;
    /** Bootstrap resamples per refit by default. */
    public static final int RESAMPLES = 100;

    /**
     * A series whose widths at the smallest candidate, scaled by {@code 1/sqrt(n)}, stay above this multiple of the
     * target at the largest is answered "beyond" without simulating the largest.
     */
    static final double BEYOND_MARGIN = 1.5;

    private FitPrecision() {
    }

    /**
     * How big the simulation is.
     *
     * @param simulations synthetic data sets per candidate {@code n} (5 by default)
     * @param resamples bootstrap resamples per refit (200 by default)
     * @param seed seeds every draw
     */
    public record Sizing(int simulations, int resamples, long seed) {

        /** {@value FitPrecision#SIMULATIONS} data sets per {@code n}, {@value FitPrecision#RESAMPLES} resamples each,
         * seed 1. */
        public static final Sizing DEFAULT = new Sizing(SIMULATIONS, RESAMPLES, 1);

        public Sizing {
            if (simulations < 1) {
                throw new IllegalArgumentException("simulations must be >= 1, got " + simulations);
            }
            if (resamples < 20) {
                throw new IllegalArgumentException("resamples must be >= 20 for an interval, got " + resamples);
            }
        }
    }

    /**
     * One series' answer.
     *
     * @param key the series
     * @param form the pilot's selected form
     * @param replicates the smallest candidate meeting the target; the largest candidate when none does
     * @param reached whether {@code replicates} meets the target
     * @param widths per sized parameter, the median relative half-width at {@code replicates} (when
     *     {@code predicted}, at the smallest candidate)
     * @param note why the series was not sized (empty when it was)
     * @param predicted whether "beyond the largest candidate" was predicted from the smallest by {@code 1/sqrt(n)}
     *     (widths more than {@link #BEYOND_MARGIN} times the target there) rather than simulated
     */
    public record SeriesAnswer(SeriesKey key, String form, int replicates, boolean reached,
            Map<String, Double> widths, String note, boolean predicted) {

        public SeriesAnswer {
            widths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(widths));
        }

        /** Whether the series was sized at all. */
        public boolean sized() {
            return note.isEmpty();
        }
    }

    /**
     * The answer for the sweep.
     *
     * @param target the relative half-width wanted
     * @param candidates the replicates tried, ascending
     * @param sizing the simulation's size
     * @param series one per fitted series, in the analysis's order
     * @param replicates the most any sized series needs (the largest candidate when one is beyond it)
     * @param beyond the sized series the largest candidate does not bring to the target
     */
    public record Result(double target, List<Integer> candidates, Sizing sizing, List<SeriesAnswer> series,
            int replicates, int beyond) {

        public Result {
            candidates = List.copyOf(candidates);
            series = List.copyOf(series);
        }
    }

    /**
     * Sizes every series of {@code fits} (the pilot's analysis, any bootstrap) for a relative half-width of at
     * most {@code target}, trying {@code current} and {@link #CANDIDATES}.
     */
    public static Result of(List<SeriesFit> fits, double target, int current, Sizing sizing) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1), got " + target);
        }
        TreeSet<Integer> c = new TreeSet<>(CANDIDATES);
        if (current >= 2) {
            c.add(current);
        }
        List<Integer> candidates = List.copyOf(c);
        List<SeriesAnswer> answers = fits.parallelStream().map(f -> size(f, target, candidates, sizing)).toList();
        int most = 0;
        int beyond = 0;
        for (SeriesAnswer a : answers) {
            if (a.sized()) {
                most = Math.max(most, a.replicates());
                beyond += a.reached() ? 0 : 1;
            }
        }
        return new Result(target, candidates, sizing, answers, most, beyond);
    }

    /**
     * One series: the widths at the smallest candidate, then a walk from the candidate their {@code 1/sqrt(n)}
     * scaling predicts, down while the previous candidate meets the target, up while it does not.
     */
    static SeriesAnswer size(SeriesFit pilot, double target, List<Integer> candidates, Sizing sizing) {
        Model model = Model.of(pilot);
        String form = pilot.selected() == null ? "-" : pilot.selected();
        if (model.why != null) {
            return new SeriesAnswer(pilot.key(), form, 0, false, Map.of(), model.why, false);
        }
        Map<Integer, Map<String, Double>> seen = new HashMap<>();
        int n0 = candidates.get(0);
        double w0 = worst(widths(model, n0, sizing, seen));
        int last = candidates.size() - 1;
        int i = 0;
        while (i < last && w0 * Math.sqrt((double) n0 / candidates.get(i)) > target) {
            i++;
        }
        double predictedAtLast = w0 * Math.sqrt((double) n0 / candidates.get(last));
        if (predictedAtLast > BEYOND_MARGIN * target) {
            return new SeriesAnswer(pilot.key(), form, candidates.get(last), false, seen.get(n0), "", true);
        }
        if (meets(widths(model, candidates.get(i), sizing, seen), target)) {
            while (i > 0 && meets(widths(model, candidates.get(i - 1), sizing, seen), target)) {
                i--;
            }
        } else {
            while (i < last && !meets(widths(model, candidates.get(i), sizing, seen), target)) {
                i++;
            }
        }
        Map<String, Double> at = widths(model, candidates.get(i), sizing, seen);
        return new SeriesAnswer(pilot.key(), form, candidates.get(i), meets(at, target), at, "", false);
    }

    private static double worst(Map<String, Double> widths) {
        return widths.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.POSITIVE_INFINITY);
    }

    /**
     * Per sized parameter of {@code pilot}'s selected form, the median relative half-width over the simulated data
     * sets with {@code n} trials per level (empty when the series cannot be sized).
     */
    public static Map<String, Double> medianWidths(SeriesFit pilot, int n, Sizing sizing) {
        Model model = Model.of(pilot);
        return model.why != null ? Map.of() : widths(model, n, sizing, new HashMap<>());
    }

    private static boolean meets(Map<String, Double> widths, double target) {
        return widths.values().stream().allMatch(w -> w <= target);
    }

    private static Map<String, Double> widths(Model m, int n, Sizing sizing, Map<Integer, Map<String, Double>> seen) {
        Map<String, Double> cached = seen.get(n);
        if (cached != null) {
            return cached;
        }
        Map<String, double[]> draws = new LinkedHashMap<>();
        m.truth.keySet().forEach(p -> draws.put(p, new double[sizing.simulations()]));
        for (int k = 0; k < sizing.simulations(); k++) {
            long seed = sizing.seed() * 0x9E3779B97F4A7C15L + 31L * m.key.id().hashCode() + 1_000L * n + k;
            SplittableRandom rng = new SplittableRandom(seed);
            int size = n * m.levels.length;
            double[] x = new double[size];
            double[] y = new double[size];
            int i = 0;
            for (int l = 0; l < m.levels.length; l++) {
                for (int t = 0; t < n; t++) {
                    x[i] = m.levels[l];
                    y[i++] = m.curve[l] * Math.exp(m.sigma[l] * gaussian(rng));
                }
            }
            FitOptions options = new FitOptions(sizing.resamples(), seed, 0.95, 2.0, 0);
            SeriesFit f = new Fitter(options).fit(new Series(m.key, x, y));
            FormFit same = f.forms().stream().filter(ff -> ff.form().equals(m.form)).findFirst().orElse(null);
            for (Map.Entry<String, Double> p : m.truth.entrySet()) {
                Estimate e = same == null ? null : same.estimate(p.getKey());
                draws.get(p.getKey())[k] = e == null || !e.hasInterval() ? Double.POSITIVE_INFINITY
                        : (e.hi() - e.lo()) / 2 / Math.abs(p.getValue());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        draws.forEach((p, w) -> out.put(p, Stats.median(w)));
        seen.put(n, out);
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The pilot's fitted curve and noise per level, or why the series cannot be simulated. */
    private record Model(SeriesKey key, String form, double[] levels, double[] curve, double[] sigma,
            Map<String, Double> truth, String why) {

        static Model of(SeriesFit pilot) {
            FormFit best = pilot.best();
            if (best == null) {
                return fail(pilot, "no form fitted");
            }
            Map<String, Double> truth = new LinkedHashMap<>();
            for (Estimate e : best.params()) {
                if (e.value() != 0 && Double.isFinite(e.value())) {
                    truth.put(e.name(), e.value());
                }
            }
            if (truth.isEmpty()) {
                return fail(pilot, "every parameter at zero");
            }
            double[] x = pilot.x();
            double[] y = pilot.y();
            double[] r = best.residuals();
            TreeMap<Double, List<double[]>> byLevel = new TreeMap<>();
            for (int i = 0; i < x.length; i++) {
                byLevel.computeIfAbsent(x[i], k -> new ArrayList<>()).add(new double[] {Math.log(y[i]), r[i]});
            }
            int l = 0;
            double[] levels = new double[byLevel.size()];
            double[] curve = new double[levels.length];
            double[] sigma = new double[levels.length];
            double ss = 0;
            int df = 0;
            for (Map.Entry<Double, List<double[]>> e : byLevel.entrySet()) {
                List<double[]> obs = e.getValue();
                levels[l] = e.getKey();
                curve[l] = Math.exp(obs.get(0)[0] - obs.get(0)[1]);
                double[] logs = obs.stream().mapToDouble(o -> o[0]).toArray();
                sigma[l] = logs.length < 2 ? Double.NaN : Stats.stdev(logs);
                if (logs.length >= 2) {
                    ss += (logs.length - 1) * sigma[l] * sigma[l];
                    df += logs.length - 1;
                }
                l++;
            }
            if (df == 0) {
                return fail(pilot, "one trial per point: no spread to simulate");
            }
            double pooled = Math.sqrt(ss / df);
            for (int i = 0; i < sigma.length; i++) {
                sigma[i] = Double.isNaN(sigma[i]) ? pooled : sigma[i];
            }
            return new Model(pilot.key(), best.form(), levels, curve, sigma, truth, null);
        }

        private static Model fail(SeriesFit pilot, String why) {
            return new Model(pilot.key(), null, null, null, null, Map.of(), why);
        }
    }
}
