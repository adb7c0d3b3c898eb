package dev.scalebench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bootstrap distribution of a ratio of medians, candidate / baseline, over independent units (trials):
 * each resample draws the candidate's and the baseline's values with replacement, each arm on its own, and takes
 * the ratio of their medians. The point estimate is the ratio of the observed medians. Deterministic for a seed.
 */
public final class RatioBootstrap {

    /** Resamples when none are specified (10 000: docs/gate.md, "The method"). */
    public static final int DEFAULT_RESAMPLES = 10_000;

    private final double ratio;
    private final double[] sorted;

    private RatioBootstrap(double ratio, double[] sorted) {
        this.ratio = ratio;
        this.sorted = sorted;
    }

    /**
     * Resamples {@code resamples} ratios of medians.
     *
     * @param baseline the baseline's per-unit values (at least 1, all positive and finite)
     * @param candidate the candidate's per-unit values (at least 1, all positive and finite)
     * @throws IllegalArgumentException on empty arms, non-positive or non-finite values, or fewer than 100 resamples
     */
    public static RatioBootstrap of(double[] baseline, double[] candidate, int resamples, long seed) {
        return of(baseline, candidate, resamples, seed, false);
    }

    /**
     * Like {@link #of(double[], double[], int, long)}; with {@code inflate}, each arm's values are first spread
     * about their median by {@code √(n/(n−1))} in log space (the median stays), which undoes the bootstrap's
     * shrinkage of the spread with few units (Davison and Hinkley's adjusted residuals). Gates use it.
     */
    public static RatioBootstrap of(double[] baseline, double[] candidate, int resamples, long seed,
            boolean inflate) {
        check(baseline, "baseline");
        check(candidate, "candidate");
        double ratio = Stats.median(candidate) / Stats.median(baseline);
        if (inflate) {
            baseline = inflated(baseline);
            candidate = inflated(candidate);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples are needed: " + resamples);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = new double[baseline.length];
        double[] c = new double[candidate.length];
        double[] out = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            out[i] = resampledMedian(candidate, c, rnd) / resampledMedian(baseline, b, rnd);
        }
        Arrays.sort(out);
        return new RatioBootstrap(ratio, out);
    }

    private static double[] inflated(double[] x) {
        int n = x.length;
        if (n < 2) {
            return x;
        }
        double f = Math.sqrt(n / (n - 1.0));
        double m = Math.log(Stats.median(x));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(m + f * (Math.log(x[i]) - m));
        }
        return out;
    }

    private static void check(double[] x, String name) {
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " has no values");
        }
        for (double v : x) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " values must be positive and finite: " + v);
            }
        }
    }

    private static double resampledMedian(double[] from, double[] scratch, SplittableRandom rnd) {
        int n = from.length;
        for (int i = 0; i < n; i++) {
            scratch[i] = from[rnd.nextInt(n)];
        }
        Arrays.sort(scratch);
        return (n & 1) == 1 ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
    }

    /** The observed ratio of medians, candidate / baseline. */
    public double ratio() {
        return ratio;
    }

    /** Number of resamples. */
    public int resamples() {
        return sorted.length;
    }

    /** The {@code p}-quantile of the resampled ratios. */
    public double quantile(double p) {
        return Stats.quantileSorted(sorted, p);
    }

    /** The equal-tailed percentile interval at {@code level} (e.g. 0.90). */
    public Interval interval(double level) {
        double a = (1 - level) / 2;
        return new Interval(quantile(a), quantile(1 - a));
    }

    /**
     * One-sided bootstrap p-value against "the ratio is at most {@code x}": the share of resampled ratios at or
     * below {@code x}, counted as {@code (k + 1) / (B + 1)} so that it is never 0.
     */
    public double pAtMost(double x) {
        int k = upperIndex(x);
        return (k + 1.0) / (sorted.length + 1.0);
    }

    /** One-sided bootstrap p-value against "the ratio is at least {@code x}": the share at or above it. */
    public double pAtLeast(double x) {
        int k = sorted.length - lowerIndex(x);
        return (k + 1.0) / (sorted.length + 1.0);
    }

    /** Number of sorted values {@code <= x}. */
    private int upperIndex(double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of sorted values {@code < x}. */
    private int lowerIndex(double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
