package dev.scalebench.stats;

import java.util.Arrays;

/**
 * Descriptive statistics of a sample and the Student-t confidence interval of its mean. Methods never modify
 * their argument; those that need order copy it once ({@code *Sorted} variants take a sorted array and
 * allocate nothing). An empty sample gives NaN.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * The factor {@code sqrt(m/(m-1))} by which a residual bootstrap inflates a trial's deviation from the mean of
     * its {@code m} trials, so that resampled deviations have the unbiased variance (plain deviations from a mean of
     * m values have (m−1)/m of it, which is why resampling three trials as they are under-covers); 1 for m ≤ 1.
     * The fits' cluster bootstrap, the bottleneck shifts' and the capacity answers' resampling all use it.
     */
    public static double residualInflation(int m) {
        return m > 1 ? Math.sqrt(m / (m - 1.0)) : 1;
    }

    /** Arithmetic mean; NaN when empty. */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Sample variance (divisor {@code n - 1}, two-pass); NaN when fewer than 2 values. */
    public static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        double comp = 0;
        for (double v : x) {
            double d = v - m;
            ss += d * d;
            comp += d;
        }
        return (ss - comp * comp / x.length) / (x.length - 1);
    }

    /** Sample standard deviation (divisor {@code n - 1}); NaN when fewer than 2 values. */
    public static double stdev(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Median (the 0.5 quantile, averaging the two middle values for even {@code n}); NaN when empty. */
    public static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * The {@code p}-quantile by linear interpolation between order statistics (Hyndman–Fan type 7, the default
     * of R and numpy: position {@code (n - 1)·p}); NaN when empty.
     */
    public static double quantile(double[] x, double p) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return quantileSorted(s, p);
    }

    /** {@link #quantile(double[], double)} of an already ascending array; allocates nothing. */
    public static double quantileSorted(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile p must be in [0, 1]: " + p);
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = (n - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** Student-t 95 % confidence interval of the mean; {@link Interval#UNDEFINED} for fewer than 2 values. */
    public static Interval meanCi95(double[] x) {
        return meanCi(x, 0.95);
    }

    /**
     * Student-t confidence interval of the mean at confidence {@code level}:
     * {@code mean ± t(n-1, (1+level)/2) · s / sqrt(n)}. {@link Interval#UNDEFINED} for fewer than 2 values or
     * non-finite data. With zero spread the interval collapses to the mean.
     */
    public static Interval meanCi(double[] x, double level) {
        if (x.length < 2) {
            return Interval.UNDEFINED;
        }
        double m = mean(x);
        double s = stdev(x);
        if (!Double.isFinite(m) || !Double.isFinite(s)) {
            return Interval.UNDEFINED;
        }
        double half = StudentT.critical(x.length - 1, level) * s / Math.sqrt(x.length);
        return new Interval(m - half, m + half);
    }

    /** Geometric mean of positive values; NaN when empty or any value is not positive. */
    public static double geometricMean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            if (!(v > 0)) {
                return Double.NaN;
            }
            sum += Math.log(v);
        }
        return Math.exp(sum / x.length);
    }

    /**
     * 95 % confidence interval of the geometric mean of positive values: the Student-t interval of the mean of
     * their logarithms, mapped back. For ratio-scale quantities (latencies, throughputs) whose trial-to-trial
     * variation is multiplicative this is the natural interval; it is asymmetric and never crosses zero, which a
     * plain t-interval on three latencies easily does. {@link Interval#UNDEFINED} for fewer than 2 values or any
     * value that is not positive.
     */
    public static Interval geometricMeanCi95(double[] x) {
        double[] logs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) {
                return Interval.UNDEFINED;
            }
            logs[i] = Math.log(x[i]);
        }
        Interval l = meanCi95(logs);
        return l.isDefined() ? new Interval(Math.exp(l.lo()), Math.exp(l.hi())) : Interval.UNDEFINED;
    }
}
