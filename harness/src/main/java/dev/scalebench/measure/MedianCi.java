package dev.scalebench.measure;

import org.HdrHistogram.Histogram;

/**
 * Distribution-free 95 % confidence interval of a median from a histogram: the order statistics at ranks
 * {@code n/2 ± 1.96·√n/2} (normal approximation of the binomial). Used only as the stopping rule inside a trial:
 * successive iterations are autocorrelated, so this interval is optimistic, which is why statistics across
 * replicates use the trial as the unit and never this interval. Allocates nothing.
 */
final class MedianCi {
    private static final double Z95 = 1.959963984540054;

    private MedianCi() {
    }

    /** Half-width of the interval relative to the median; {@code +Inf} with fewer than 10 samples. */
    static double relativeHalfWidth(Histogram h) {
        long n = h.getTotalCount();
        if (n < 10) {
            return Double.POSITIVE_INFINITY;
        }
        double half = Z95 * Math.sqrt(n) / 2.0;
        double loRank = Math.max(1, Math.floor(n / 2.0 - half));
        double hiRank = Math.min(n, Math.ceil(n / 2.0 + half));
        long lo = h.getValueAtPercentile(100.0 * loRank / n);
        long hi = h.getValueAtPercentile(100.0 * hiRank / n);
        long median = h.getValueAtPercentile(50.0);
        if (median <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (hi - lo) / 2.0 / median;
    }
}
