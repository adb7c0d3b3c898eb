package dev.scalebench.results;

import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;

/**
 * The energy figures of one OK trial whose measured loop a sensor read an energy counter over
 * ({@link TrialResult.Measured#machine()}, {@link Energy}), derived once, where the trial's histogram is reduced
 * ({@link TrialValues#of}). The work is the trial's own: its measured steps (the histogram's count; a generate
 * trial's step is a request) and the point's tokens per step, the same tokens per step as its throughput
 * ({@code Workload}: batch·seq for prefill, batch for decode, batch·output for generate).
 *
 * <pre>
 * joules per step   = joules / steps
 * joules per token  = joules / (steps × tokens per step)
 * tokens per joule  = 1 / joules per token
 * power             = joules / the measured loop's duration (the sensor's {@link Energy#meanPowerWatts()})
 * </pre>
 *
 * For example 12.5 J over 250 steps of a prefill point of batch 4, seq 64 (256 tokens per step) is 0.05 J per step,
 * 1.953125e-4 J per token and 5120 tokens per joule.
 *
 * @param source the counter the energy came from
 * @param joules the energy over the measured loop, J
 * @param powerWatts the mean power over the loop, W (NaN when the loop's duration was not known)
 * @param steps measured steps (requests of a generate point)
 * @param tokensPerStep tokens one step processes
 */
public record EnergyValues(EnergySource source, double joules, double powerWatts, long steps, long tokensPerStep) {

    /**
     * The energy figures of trial {@code t} over {@code steps} measured steps of {@code tokensPerStep} tokens, or
     * {@code null} when no sensor read its energy.
     */
    public static EnergyValues of(TrialResult t, long steps, long tokensPerStep) {
        Energy e = t.measured().machine().energy();
        return e == null ? null : new EnergyValues(e.source(), e.joules(), e.meanPowerWatts(), steps, tokensPerStep);
    }

    /** Energy per measured step (per request at a generate point), J; NaN without steps. */
    public double joulesPerStep() {
        return steps > 0 ? joules / steps : Double.NaN;
    }

    /** Energy per token, J; NaN without steps or tokens. */
    public double joulesPerToken() {
        return steps > 0 && tokensPerStep > 0 ? joules / ((double) steps * tokensPerStep) : Double.NaN;
    }

    /** Tokens per joule: one over {@link #joulesPerToken()}; NaN when no energy was drawn. */
    public double tokensPerJoule() {
        double j = joulesPerToken();
        return j > 0 ? 1 / j : Double.NaN;
    }

    /**
     * The value of an energy metric ({@link TrialMetric#ENERGY}): {@code joules_per_step}, {@code joules_per_token},
     * {@code tokens_per_joule}, {@code power_w}; NaN for any other metric.
     */
    public double value(TrialMetric metric) {
        return switch (metric) {
            case JOULES_PER_STEP -> joulesPerStep();
            case JOULES_PER_TOKEN -> joulesPerToken();
            case TOKENS_PER_JOULE -> tokensPerJoule();
            case POWER_W -> powerWatts;
            default -> Double.NaN;
        };
    }
}
