package dev.scalebench.analysis.fit;

/**
 * How fits are made.
 *
 * @param bootstrap cluster-bootstrap resamples per series (2000 by default: docs/analysis.md, "Uncertainty"); 0
 *     disables intervals
 * @param seed seeds the bootstrap; the same seed and data give the same result
 * @param confidence level of every interval (0.95)
 * @param extrapolationFactor a derived quantity beyond this multiple of the largest measured level (or below
 *     the smallest divided by it) is flagged as extrapolated (2)
 * @param maxLeaveOut validation leaves the largest 1..maxLeaveOut levels out, while enough remain (2)
 */
public record FitOptions(int bootstrap, long seed, double confidence, double extrapolationFactor, int maxLeaveOut) {

    /**
     * The defaults of docs/analysis.md ("Uncertainty", "Validation and extrapolation"): 2000 resamples, seed 1, 95 %,
     * 2×, leave up to 2 levels out.
     */
    public static final FitOptions DEFAULTS = new FitOptions(2000, 1, 0.95, 2.0, 2);

    public FitOptions {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap must be >= 0, got " + bootstrap);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (!(extrapolationFactor >= 1)) {
            throw new IllegalArgumentException("extrapolation factor must be >= 1, got " + extrapolationFactor);
        }
        if (maxLeaveOut < 0) {
            throw new IllegalArgumentException("maxLeaveOut must be >= 0, got " + maxLeaveOut);
        }
    }

    /** These options with another number of bootstrap resamples. */
    public FitOptions withBootstrap(int resamples) {
        return new FitOptions(resamples, seed, confidence, extrapolationFactor, maxLeaveOut);
    }

    /** These options with another seed. */
    public FitOptions withSeed(long newSeed) {
        return new FitOptions(bootstrap, newSeed, confidence, extrapolationFactor, maxLeaveOut);
    }
}
