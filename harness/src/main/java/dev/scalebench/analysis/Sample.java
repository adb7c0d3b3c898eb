package dev.scalebench.analysis;

import dev.scalebench.measure.Flag;
import dev.scalebench.results.EnergyValues;
import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.TrialMetric;

import java.util.List;

/**
 * One replicate of one point (a trial): the unit of statistics. Latencies are per step, in nanoseconds, and
 * {@link Double#NaN} where the source does not provide them.
 *
 * @param point the point
 * @param replicate replicate id, unique within the point
 * @param p50Ns the trial's median step latency
 * @param p99Ns the trial's 99th percentile
 * @param meanNs the trial's mean step latency
 * @param deviceNs the trial's mean device time per step (CUDA events), NaN without device timing
 * @param flags the trial's quality flags ({@link Flag}); empty when it has none or the
 *     source does not record them (imported CSV)
 * @param generation a generate point's figures by token (TTFT, TPOT, ITL), {@code null} otherwise; for a generate
 *     point the latencies above are per request (end to end)
 * @param energy the trial's energy figures ({@link EnergyValues}), {@code null} without an energy reading (and for
 *     imported data)
 */
public record Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs, double deviceNs,
        List<Flag> flags, GenerationValues generation, EnergyValues energy) {

    public Sample {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A sample without an energy reading. */
    public Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs, double deviceNs,
            List<Flag> flags, GenerationValues generation) {
        this(point, replicate, p50Ns, p99Ns, meanNs, deviceNs, flags, generation, null);
    }

    /** A sample of a prefill or decode point. */
    public Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs, double deviceNs,
            List<Flag> flags) {
        this(point, replicate, p50Ns, p99Ns, meanNs, deviceNs, flags, null);
    }

    /** A sample without quality flags. */
    public Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs, double deviceNs) {
        this(point, replicate, p50Ns, p99Ns, meanNs, deviceNs, List.of());
    }

    /** A sample without device timing or quality flags. */
    public Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs) {
        this(point, replicate, p50Ns, p99Ns, meanNs, Double.NaN, List.of());
    }

    /**
     * The value of {@code metric} (ns for latencies, tokens/s for the per-user rate, the energy metrics' units); NaN
     * for a metric a sample does not carry: it carries {@link TrialMetric#FITTED}, for a generate point
     * {@link TrialMetric#GENERATION}, and with an energy reading {@link TrialMetric#ENERGY}.
     */
    public double value(TrialMetric metric) {
        if (metric.energy()) {
            return energy == null ? Double.NaN : energy.value(metric);
        }
        return switch (metric) {
            case P50 -> p50Ns;
            case P99 -> p99Ns;
            case MEAN -> meanNs;
            default -> generation == null ? Double.NaN : generation.value(metric, p50Ns, p99Ns, meanNs);
        };
    }
}
