package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The statistics of one OK trial, reduced from its histogram: what every per-point figure is computed from
 * ({@link PointStatistic}: the median over a point's trials of these values), and what comparisons, gates, the
 * history database and trends resample.
 *
 * @param pointId the point's id
 * @param replicate the trial's replicate (0-based)
 * @param p50Ns median step latency
 * @param p90Ns 90th percentile
 * @param p99Ns 99th percentile
 * @param p999Ns 99.9th percentile
 * @param meanNs mean step latency
 * @param maxNs largest step latency
 * @param tokensPerStep tokens one step processes (batch·seq for prefill, batch for decode)
 * @param iterations measured steps (the histogram's count)
 * @param flags the trial's quality flags
 * @param deviceNs mean device time per step (the backend's own timing, e.g. CUDA events), NaN without device timing
 * @param generation a generate point's split by token (TTFT, TPOT, ITL); {@code null} for prefill and decode, whose
 *     generation metrics are NaN. For a generate point the "step" is the request: the latencies above are its
 *     end-to-end latencies and {@code tokensPerStep} its output tokens
 * @param energy the trial's energy figures (joules per step and per token, tokens per joule, power); {@code null}
 *     when no sensor read its energy, whose energy metrics are NaN
 */
public record TrialValues(String pointId, int replicate, double p50Ns, double p90Ns, double p99Ns, double p999Ns,
        double meanNs, double maxNs, long tokensPerStep, long iterations, List<Flag> flags, double deviceNs,
        GenerationValues generation, EnergyValues energy) {

    public TrialValues {
        flags = List.copyOf(flags);
    }

    /** Values without an energy reading. */
    public TrialValues(String pointId, int replicate, double p50Ns, double p90Ns, double p99Ns, double p999Ns,
            double meanNs, double maxNs, long tokensPerStep, long iterations, List<Flag> flags, double deviceNs,
            GenerationValues generation) {
        this(pointId, replicate, p50Ns, p90Ns, p99Ns, p999Ns, meanNs, maxNs, tokensPerStep, iterations, flags,
                deviceNs, generation, null);
    }

    /** Values of a prefill or decode trial. */
    public TrialValues(String pointId, int replicate, double p50Ns, double p90Ns, double p99Ns, double p999Ns,
            double meanNs, double maxNs, long tokensPerStep, long iterations, List<Flag> flags, double deviceNs) {
        this(pointId, replicate, p50Ns, p90Ns, p99Ns, p999Ns, meanNs, maxNs, tokensPerStep, iterations, flags,
                deviceNs, null);
    }

    /** Values without device timing. */
    public TrialValues(String pointId, int replicate, double p50Ns, double p90Ns, double p99Ns, double p999Ns,
            double meanNs, double maxNs, long tokensPerStep, long iterations, List<Flag> flags) {
        this(pointId, replicate, p50Ns, p90Ns, p99Ns, p999Ns, meanNs, maxNs, tokensPerStep, iterations, flags,
                Double.NaN);
    }

    /**
     * The values of the OK trial {@code t} with histogram {@code h} (ns per step): the one place a trial's histogram
     * is reduced, with the device time per step the journal recorded.
     */
    public static TrialValues of(TrialResult t, Histogram h, long tokensPerStep) {
        return of(t, h, tokensPerStep, null);
    }

    /**
     * As {@link #of(TrialResult, Histogram, long)}, with a generate trial's figures by token ({@code null} for none).
     * The energy figures come from the journal's energy reading, over the histogram's steps ({@link EnergyValues}).
     */
    public static TrialValues of(TrialResult t, Histogram h, long tokensPerStep, GenerationValues generation) {
        double device = t.measured().deviceNsPerIteration();
        return new TrialValues(t.pointId(), t.replicate(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMean(), h.getMaxValue(),
                tokensPerStep, h.getTotalCount(), t.flags(), device, generation,
                EnergyValues.of(t, h.getTotalCount(), tokensPerStep));
    }

    /** Whether a sensor read the trial's energy. */
    public boolean hasEnergy() {
        return energy != null;
    }

    /** Whether the backend timed the trial on the device. */
    public boolean deviceTimed() {
        return !Double.isNaN(deviceNs);
    }

    /**
     * The value of {@code metric} (NaN for a generation metric of a prefill or decode trial, and for an energy metric
     * of a trial without an energy reading): ns for latencies; for throughput, tokens per second as
     * {@link PointStatistic#perSecond(double, double) tokens per step / mean step time}; the energy metrics as
     * {@link EnergyValues} derives them.
     */
    public double value(TrialMetric metric) {
        return switch (metric) {
            case P50 -> p50Ns;
            case P90 -> p90Ns;
            case P99 -> p99Ns;
            case P999 -> p999Ns;
            case MEAN -> meanNs;
            case MAX -> maxNs;
            case THROUGHPUT -> PointStatistic.perSecond(tokensPerStep, meanNs);
            case TTFT_P50, TTFT_P99, TPOT_P50, TPOT_P99, ITL_P50, ITL_P99, E2E_P50, E2E_P99, TOKENS_PER_S_PER_USER ->
                    generation == null ? Double.NaN : generation.value(metric, p50Ns, p99Ns, meanNs);
            case JOULES_PER_STEP, JOULES_PER_TOKEN, TOKENS_PER_JOULE, POWER_W ->
                    energy == null ? Double.NaN : energy.value(metric);
        };
    }
}
