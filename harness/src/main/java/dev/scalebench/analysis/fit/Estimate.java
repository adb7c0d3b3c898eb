package dev.scalebench.analysis.fit;

/**
 * A fitted parameter or a quantity derived from one, with its bootstrap percentile interval.
 *
 * @param name e.g. {@code a}, {@code c}, {@code T_max}, {@code b90}, {@code knee}, {@code gamma}
 * @param unit e.g. {@code s}, {@code s/seq}, {@code seq/s}, {@code batch}, {@code 1}
 * @param value the estimate from all the data
 * @param lo lower bound of the interval (NaN without bootstrap)
 * @param hi upper bound of the interval (NaN without bootstrap)
 * @param extrapolated whether the estimate lies beyond the extrapolation limit of the measured range
 */
public record Estimate(String name, String unit, double value, double lo, double hi, boolean extrapolated) {

    /** Whether the interval is defined. */
    public boolean hasInterval() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }
}
