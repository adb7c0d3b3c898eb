package dev.scalebench.analysis;

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
 */
public record Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs, double deviceNs) {

    /** A sample without device timing. */
    public Sample(PointKey point, String replicate, double p50Ns, double p99Ns, double meanNs) {
        this(point, replicate, p50Ns, p99Ns, meanNs, Double.NaN);
    }

    /** The value of {@code metric}, ns. */
    public double value(Metric metric) {
        return switch (metric) {
            case P50 -> p50Ns;
            case P99 -> p99Ns;
            case MEAN -> meanNs;
        };
    }
}
