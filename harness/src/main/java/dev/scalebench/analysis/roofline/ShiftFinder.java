package dev.scalebench.analysis.roofline;

import dev.scalebench.stats.Stats;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.roofline.BottleneckShift.Kind;
import dev.scalebench.stats.StudentT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Erf;

/**
 * Finds where the observed bound of a series changes along its swept factor (docs/analysis.md, "Bottleneck
 * shift").
 *
 * <p><b>Estimate.</b> Each level is placed as {@link Roofline#place} places it: its bound is the largest of three
 * scores, the compute fraction, the memory fraction and {@value Roofline#BOUND_FRACTION} (overhead)
 * ({@link Roofline#bound}). Where two adjacent levels have different bounds {@code A} below and {@code B} above,
 * {@code r = ln(score_A / score_B)} is {@code >= 0} at the lower level and {@code <= 0} at the upper one; the
 * crossing is where {@code r}, interpolated linearly in {@code ln(level)}, is zero. A series whose levels are all
 * bound alike has no crossing ({@link Kind#NONE}): nothing is said beyond the measured range.
 *
 * <p><b>Interval.</b> A cluster bootstrap over trials, as the fits do: each resample redraws every level's trial
 * step times from its own trials (a trial's deviation from the level's mean log step time, inflated by
 * {@code sqrt(m/(m-1))}; a level of one trial draws from the pooled deviations), takes their median as the level's
 * step time, recomputes {@code r} at every level and takes the {@code +} to {@code -} change of sign nearest the
 * estimate's. A resample with none puts the crossing beyond the measured range ({@code ±∞}). The interval is the
 * expanded percentile interval of those crossings (percentile level {@code 2·Φ(t(df, (1+c)/2)) - 1}, {@code df}
 * the within-level degrees of freedom), as for the fitted parameters. A crossing between compute and memory does
 * not depend on the timings at all ({@code r = ln(intensity/ridge)}); its interval is the point itself.
 */
public final class ShiftFinder {

    /**
     * One measured level of a series.
     *
     * @param level the swept factor's value (batch or seq), positive
     * @param dtype the points' dtype (picks the compute ceiling)
     * @param work FLOPs and bytes per step ({@link Roofline#canPlace})
     * @param stepS the step time the point is placed at, seconds
     * @param trialStepS every trial's step time (its mean latency), seconds
     */
    public record Level(double level, String dtype, PointWork work, double stepS, double[] trialStepS) {
        public Level {
            trialStepS = trialStepS.clone();
        }
    }

    private final HardwareProfile hw;
    private final int resamples;
    private final long seed;
    private final double confidence;

    /**
     * @param hw the profile whose ceilings decide the bound
     * @param resamples bootstrap resamples (0: no interval)
     * @param seed seeds the bootstrap; the same seed and data give the same result
     * @param confidence the interval's confidence, e.g. 0.95
     */
    public ShiftFinder(HardwareProfile hw, int resamples, long seed, double confidence) {
        this.hw = hw;
        this.resamples = resamples;
        this.seed = seed;
        this.confidence = confidence;
    }

    /**
     * The shifts of one series: each crossing in level order, or one {@link Kind#NONE} when there is none; then
     * the fitted knee.
     *
     * @param series the series id
     * @param label the series in words
     * @param axis {@code batch} or {@code seq}
     * @param phase the series' phase (names the seq axis: context length for decode)
     * @param levels the measured levels, at least two, in any order
     * @param knee the fitted roofline knee when the roofline form is the series' selected form, else null; used
     *     only when strictly inside the measured range
     */
    public List<BottleneckShift> find(String series, String label, String axis, String phase, List<Level> levels,
            Estimate knee) {
        List<Level> ls = levels.stream().sorted((p, q) -> Double.compare(p.level(), q.level())).toList();
        int n = ls.size();
        if (n < 2) {
            throw new IllegalArgumentException(series + ": a shift needs two levels, got " + n);
        }
        double[] x = ls.stream().mapToDouble(Level::level).toArray();
        double[] step = ls.stream().mapToDouble(Level::stepS).toArray();
        Bound[] bound = new Bound[n];
        for (int i = 0; i < n; i++) {
            bound[i] = Roofline.bound(compute(ls.get(i), step[i]), memory(ls.get(i), step[i]));
        }
        Words w = new Words(label, axis, phase, x[0], x[n - 1]);
        List<BottleneckShift> out = new ArrayList<>();
        Draws draws = null;
        for (int i = 0; i + 1 < n; i++) {
            if (bound[i] == bound[i + 1]) {
                continue;
            }
            if (draws == null) {
                draws = resample(ls);
            }
            Bound a = bound[i];
            Bound b = bound[i + 1];
            double est = crossing(ratios(ls, step, a, b), x, i);
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (draws.steps().length > 0) {
                double[] c = new double[draws.steps().length];
                for (int k = 0; k < c.length; k++) {
                    c[k] = crossing(ratios(ls, draws.steps()[k], a, b), x, i);
                }
                Arrays.sort(c);
                double level = expanded(draws.df());
                lo = c[(int) Math.floor((c.length - 1) * (1 - level) / 2)];
                hi = c[(int) Math.ceil((c.length - 1) * (1 + level) / 2)];
            }
            int used = draws.steps().length;
            out.add(new BottleneckShift(series, label, axis, Kind.CROSSING, a, b, est, lo, hi, x[i], x[i + 1], x[0],
                    x[n - 1], used, w.crossing(a, b, est, lo, hi, x[i], x[i + 1])));
        }
        if (out.isEmpty()) {
            out.add(new BottleneckShift(series, label, axis, Kind.NONE, bound[0], bound[0], Double.NaN, Double.NaN,
                    Double.NaN, x[0], x[n - 1], x[0], x[n - 1], 0, w.none(bound[0])));
        }
        if (knee != null && knee.value() > x[0] && knee.value() < x[n - 1]) {
            out.add(new BottleneckShift(series, label, axis, Kind.KNEE, null, null, knee.value(), knee.lo(),
                    knee.hi(), x[0], x[n - 1], x[0], x[n - 1], knee.hasInterval() ? resamples : 0,
                    w.knee(knee)));
        }
        return out;
    }

    private double compute(Level l, double stepS) {
        return l.work().flops() / stepS / hw.peakFlops(l.dtype());
    }

    private double memory(Level l, double stepS) {
        return l.work().bytes() / stepS / hw.bandwidthBytesPerS();
    }

    private double score(Bound b, Level l, double stepS) {
        return switch (b) {
            case COMPUTE -> compute(l, stepS);
            case MEMORY -> memory(l, stepS);
            case OVERHEAD -> Roofline.BOUND_FRACTION;
        };
    }

    /** {@code ln(score_a / score_b)} at every level. */
    private double[] ratios(List<Level> ls, double[] step, Bound a, Bound b) {
        double[] r = new double[ls.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(score(a, ls.get(i), step[i]) / score(b, ls.get(i), step[i]));
        }
        return r;
    }

    /**
     * The level where {@code r} falls through zero, at the change of sign nearest pair {@code near}; without one,
     * {@code +∞} when {@code a} still holds around {@code near}, else {@code -∞}.
     */
    static double crossing(double[] r, double[] x, int near) {
        int best = -1;
        for (int j = 0; j + 1 < r.length; j++) {
            boolean falls = r[j] >= 0 && r[j + 1] <= 0 && r[j] != r[j + 1];
            if (falls && (best < 0 || Math.abs(j - near) < Math.abs(best - near))) {
                best = j;
            }
        }
        if (best < 0) {
            return r[near] + r[near + 1] >= 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double t = r[best] / (r[best] - r[best + 1]);
        return Math.exp(Math.log(x[best]) + t * (Math.log(x[best + 1]) - Math.log(x[best])));
    }

    /** The percentile level of the expanded interval with {@code df} within-level degrees of freedom. */
    private double expanded(double df) {
        return Erf.erf(StudentT.critical(df, confidence) / Math.sqrt(2));
    }

    /** Resampled step times, one row per resample, and the within-level degrees of freedom of their noise. */
    private record Draws(double[][] steps, int df) {
    }

    /** The resamples; none when none are asked or no level has two trials. */
    private Draws resample(List<Level> ls) {
        int n = ls.size();
        double[] mean = new double[n];
        double[][] dev = new double[n][];
        List<Double> pool = new ArrayList<>();
        int df = 0;
        for (int i = 0; i < n; i++) {
            double[] t = ls.get(i).trialStepS();
            int m = t.length;
            mean[i] = Arrays.stream(t).map(Math::log).average().orElse(Math.log(ls.get(i).stepS()));
            double inflate = Stats.residualInflation(m);
            dev[i] = new double[m];
            for (int k = 0; k < m; k++) {
                dev[i][k] = inflate * (Math.log(t[k]) - mean[i]);
                if (m > 1) {
                    pool.add(dev[i][k]);
                }
            }
            df += Math.max(0, m - 1);
        }
        if (resamples == 0 || pool.isEmpty()) {
            return new Draws(new double[0][], df);
        }
        double[] pooled = pool.stream().mapToDouble(Double::doubleValue).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[resamples][];
        for (int b = 0; b < resamples; b++) {
            double[] step = new double[n];
            for (int i = 0; i < n; i++) {
                int m = Math.max(1, dev[i].length);
                double[] from = dev[i].length > 1 ? dev[i] : pooled;
                double[] v = new double[m];
                for (int k = 0; k < m; k++) {
                    v[k] = mean[i] + from[rng.nextInt(from.length)];
                }
                Arrays.sort(v);
                step[i] = Math.exp(m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2);
            }
            out[b] = step;
        }
        return new Draws(out, df);
    }

    /** The sentences. */
    private record Words(String label, String axis, String phase, double min, double max) {

        String crossing(Bound a, Bound b, double est, double lo, double hi, double below, double above) {
            String interval;
            if (Double.isNaN(lo)) {
                interval = " (no interval: no level has two trials)";
            } else if (a != Bound.OVERHEAD && b != Bound.OVERHEAD) {
                interval = " (where the arithmetic intensity crosses the ridge: the timings do not move it)";
            } else {
                interval = " [" + end(lo) + ", " + end(hi) + "]";
            }
            return label + ": leaves " + roof(a) + " at " + name() + " ≈ " + Numbers.sig(est, 3) + interval + ", "
                    + b.id() + "-bound above it (between the measured " + plural() + " " + Numbers.sig(below, 4)
                    + " and " + Numbers.sig(above, 4) + ")";
        }

        String none(Bound b) {
            return label + ": " + b.id() + "-bound over all measured " + plural() + " " + Numbers.sig(min, 4) + "–"
                    + Numbers.sig(max, 4) + " (no shift within them)";
        }

        String knee(Estimate k) {
            String interval = k.hasInterval() ? " [" + end(k.lo()) + ", " + end(k.hi()) + "]" : "";
            return label + ": the fitted roofline's knee is at " + name() + " ≈ " + Numbers.sig(k.value(), 3)
                    + interval + "; beyond it latency grows at its full cost per unit of " + name();
        }

        private String end(double v) {
            if (v == Double.NEGATIVE_INFINITY) {
                return "below " + Numbers.sig(min, 4);
            }
            return v == Double.POSITIVE_INFINITY ? "above " + Numbers.sig(max, 4) : Numbers.sig(v, 3);
        }

        private static String roof(Bound b) {
            return b == Bound.OVERHEAD ? "overhead" : "the " + b.id() + " roof";
        }

        private String name() {
            if (axis.equals("batch")) {
                return "batch";
            }
            return switch (phase) {
                case "decode" -> "context length";
                case "generate" -> "prompt length";
                default -> "sequence length";
            };
        }

        private String plural() {
            return name().equals("batch") ? "batches" : name() + "s";
        }
    }
}
