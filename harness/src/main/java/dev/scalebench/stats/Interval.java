package dev.scalebench.stats;

/**
 * A closed interval {@code [lo, hi]}, e.g. a confidence interval. Both bounds are {@link Double#NaN} when the
 * interval is undefined (a confidence interval from a single observation).
 *
 * @param lo lower bound
 * @param hi upper bound
 */
public record Interval(double lo, double hi) {

    /** The undefined interval: both bounds NaN. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    /** Whether both bounds are finite numbers. */
    public boolean isDefined() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }

    /** Half the width, {@code (hi - lo) / 2}; NaN when undefined. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    /** Whether {@code x} lies within the bounds (inclusive); false when undefined. */
    public boolean contains(double x) {
        return x >= lo && x <= hi;
    }
}
