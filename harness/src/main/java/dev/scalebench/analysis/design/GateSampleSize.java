package dev.scalebench.analysis.design;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.StudentT;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Replicates per arm for the gate (analysis.gate.Gate) to catch a change of one margin beyond its threshold with a
 * given power: the sample size of a one-sided test on the log ratio of two medians, in a normal approximation.
 *
 * <p>The gate declares a regression of a latency metric when the ratio candidate / baseline is above
 * {@code 1 + δ} at Holm's corrected level. A true ratio exactly at {@code 1 + δ} is declared only at the false-alarm
 * rate, so "detecting the margin" means: a change one margin beyond the threshold, {@code (1 + δ)²} for a latency
 * and {@code (1 − δ)²} for throughput, a distance {@code Δ = |ln(1 ± δ)|} in log space, is declared with power
 * {@code 1 − β} at Holm's first (strictest) level {@code α / m} over the {@code m} blocking tests. The same Δ
 * separates no change from the threshold, so a point that did not change PASSes (tested at α, uncorrected) with
 * at least that power.
 *
 * <p>With {@code n} trials per arm and log-space noise σ per trial, the log of a median of {@code n} values has
 * variance {@code k·σ²/n}, so the log ratio has standard error {@code σ·√(2k/n)} and
 * {@code n = 2k·σ²·(t(1 − α/m) + t(1 − β))² / Δ²}, with Student t quantiles on {@code 2(n − 1)} degrees of
 * freedom (solved by counting up {@code n}): with a handful of trials the bootstrap's tails are wider than the
 * normal's. {@code k = π/2} is the median's asymptotic variance factor
 * under normal noise; the gate's percentile bootstrap of medians loses a little more, and {@code k = 1.8} (π/2
 * raised by 15 %) is what makes the gate reach the power in simulation (π/2 alone gave 0.85–0.87 instead of 0.90
 * over 200 seeds at σ = 2–6 %). The answer is raised to the policy's {@code min-trials} and to
 * the gate's resolution floor: the fewest trials whose exact permutation p-value {@code 1/C(2n, n)} can reach
 * {@code α / m}. {@code PilotSizingSimulationTest} checks the power with the gate itself.
 */
public final class GateSampleSize {

    /** The power asked for. */
    public static final double POWER = 0.90;
    /** The most replicates reported as a number; more means "not practical", and is reported as this. */
    public static final int MAX_REPLICATES = 1000;
    /**
     * Variance of the log of a median of n trials, in units of σ²/n, as the gate's bootstrap test sees it: π/2 (a
     * sample median under normal noise) raised by 15 %, calibrated by {@code GateSizingSimulationTest}.
     */
    static final double MEDIAN_VARIANCE_FACTOR = 1.8;

    private GateSampleSize() {
    }

    /** The log-space distance Δ between the gate's threshold and the change it must catch: one margin. */
    public static double effect(TrialMetric metric, double margin) {
        return Math.abs(Math.log(metric.higherIsBetter() ? 1 - margin : 1 + margin));
    }

    /**
     * The power of the gate's one-sided test at {@code level} against a true change {@code effect} beyond its
     * threshold, with {@code n} trials per arm of log-space noise {@code sigma} (normal approximation).
     */
    public static double power(int n, double sigma, double effect, double level) {
        if (!(sigma > 0)) {
            return 1;
        }
        double se = sigma * Math.sqrt(2 * MEDIAN_VARIANCE_FACTOR / n);
        double df = 2.0 * (n - 1);
        // Student t quantiles on 2(n − 1) degrees of freedom: σ is estimated from the trials themselves
        double shift = effect / se - StudentT.quantile(df, 1 - level);
        return shift >= 0 ? 1 - tail(df, shift) : tail(df, -shift);
    }

    /**
     * Trials per arm for {@link #POWER} at {@code level} ({@code α / m}), at least {@code minTrials} and at least
     * the resolution floor; {@link #MAX_REPLICATES} when more would be needed, 0 when {@code sigma} is unknown.
     */
    public static int replicates(double sigma, double effect, double level, int minTrials) {
        if (Double.isNaN(sigma)) {
            return 0;
        }
        int n = Math.max(Math.max(2, minTrials), resolution(level));
        while (n < MAX_REPLICATES && power(n, sigma, effect, level) < POWER) {
            n++;
        }
        return n;
    }

    /** The fewest trials per arm whose exact permutation p-value {@code 1/C(2n, n)} is at most {@code level}. */
    public static int resolution(double level) {
        int n = 1;
        while (n < MAX_REPLICATES && 1 / binomial(2 * n, n) > level) {
            n++;
        }
        return n;
    }

    /** P(T > t) for Student's t on {@code df} degrees of freedom, t ≥ 0. */
    private static double tail(double df, double t) {
        return 1 - new TDistribution(df).cumulativeProbability(t);
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
