package dev.scalebench.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/** Quantiles of Student's t distribution (through Hipparchus). */
public final class StudentT {

    private StudentT() {
    }

    /**
     * The {@code p}-quantile of Student's t with {@code df} degrees of freedom, e.g. {@code quantile(2, 0.975)}
     * = 4.303.
     *
     * @throws IllegalArgumentException when {@code df <= 0} or {@code p} is outside {@code (0, 1)}
     */
    public static double quantile(double df, double p) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0: " + df);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        return new TDistribution(df).inverseCumulativeProbability(p);
    }

    /** The two-sided critical value for confidence {@code level}: {@code quantile(df, (1 + level) / 2)}. */
    public static double critical(double df, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
        }
        return quantile(df, (1 + level) / 2);
    }
}
