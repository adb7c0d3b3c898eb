package dev.scalebench.measure;

import dev.scalebench.config.MeasurePolicy;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The measured loop's stopping rule (docs/measurement.md, "A trial"), shared by the step loop and the generation
 * loop of {@link TrialRunner}: every {@value TrialRunner#CHECK_INTERVAL_MS} ms, and when the minimums are first met,
 * stop at {@code max-time}; else, once {@code min} iterations and {@code min-time} are reached, stop when the relative
 * half-width of the median's 95 % CI of the target histogram is at most {@code target-ci} (or at once when it is 0);
 * fail with {@link TrialTimeoutException} past the trial timeout.
 *
 * <p>{@link #due} costs two comparisons and no clock read (it takes the reading the iteration made anyway); the
 * rest runs only when a check is due. One instance per measured loop; not thread-safe.
 */
final class StoppingRule {
    private final long start;
    private final long timeoutAt;
    private final long minIterations;
    private final long minNanos;
    private final long maxNanos;
    private final double targetCi;
    private final long checkNanos = TrialRunner.CHECK_INTERVAL_MS * 1_000_000L;
    private final Duration timeout;
    private long nextCheck;

    /**
     * @param start clock reading at the start of the measured loop
     * @param timeoutAt clock reading past which the trial times out
     */
    StoppingRule(MeasurePolicy policy, long start, long timeoutAt) {
        MeasurePolicy.Iterations it = policy.iterations();
        this.start = start;
        this.timeoutAt = timeoutAt;
        this.minIterations = it.min();
        this.minNanos = it.minTime().toNanos();
        this.maxNanos = it.maxTime().toNanos();
        this.targetCi = policy.targetCi();
        this.timeout = policy.trialTimeout();
        this.nextCheck = start + checkNanos;
    }

    /** Whether a check is due after {@code iterations} iterations, the last ending at clock reading {@code t1}. */
    boolean due(long t1, long iterations) {
        return t1 - nextCheck >= 0 || (iterations == minIterations && t1 - start >= minNanos);
    }

    /**
     * The check: why to stop now, or {@code null} to go on.
     *
     * @param target the histogram whose median's CI the rule targets
     * @throws TrialTimeoutException past the trial timeout
     */
    StopReason check(long t1, long iterations, Histogram target) throws TrialTimeoutException {
        nextCheck = t1 + checkNanos;
        long elapsed = t1 - start;
        if (elapsed >= maxNanos) {
            return StopReason.MAX_TIME;
        }
        if (iterations >= minIterations && elapsed >= minNanos) {
            if (targetCi <= 0) {
                return StopReason.MIN_REACHED;
            }
            if (MedianCi.relativeHalfWidth(target) <= targetCi) {
                return StopReason.TARGET_CI;
            }
        }
        if (t1 - timeoutAt > 0) {
            throw new TrialTimeoutException(timeout, iterations, "measurement");
        }
        return null;
    }

    /** Whether the rule stops on a target CI (so stopping at max-time means the target was not reached). */
    boolean targetsCi() {
        return targetCi > 0;
    }
}
