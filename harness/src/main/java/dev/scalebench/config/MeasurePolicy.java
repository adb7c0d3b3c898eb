package dev.scalebench.config;

import java.time.Duration;

/**
 * How each trial is measured (docs/measurement.md, "A trial").
 *
 * @param warmup when warm-up may end
 * @param iterations how long the measured part runs
 * @param targetCi stop early once the 95 % CI half-width of the median is within this fraction of it
 *     ({@code 0} disables early stopping)
 * @param trialTimeout a trial (warm-up plus measurement) that has not finished by then is failed with reason
 *     {@code timeout}; checked between iterations, so one iteration that hangs is not interrupted
 */
public record MeasurePolicy(Warmup warmup, Iterations iterations, double targetCi, Duration trialTimeout) {

    /**
     * @param minIterations at least this many warm-up iterations
     * @param minTime and at least this long
     * @param steadyCv then until the coefficient of variation of the last window means is below this
     * @param maxTime warm-up ends here even when not steady; the trial is flagged {@code not-steady}
     */
    public record Warmup(int minIterations, Duration minTime, double steadyCv, Duration maxTime) { }

    /**
     * @param min at least this many measured iterations
     * @param minTime and at least this long
     * @param maxTime never longer than this
     */
    public record Iterations(int min, Duration minTime, Duration maxTime) { }
}
