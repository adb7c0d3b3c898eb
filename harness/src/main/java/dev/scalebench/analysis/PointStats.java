package dev.scalebench.analysis;

import dev.scalebench.stats.Interval;

/**
 * One point's trials summarized for reports: geometric means over trials with log-scale 95 % intervals
 * (undefined with fewer than two trials), as in {@code summary.csv}.
 *
 * @param point the point
 * @param trials number of trials (samples)
 * @param p50Ns mean of the trials' p50, ns
 * @param p50Ci its interval
 * @param p99Ns mean of the trials' p99, ns (NaN when not measured)
 * @param p99Ci its interval
 * @param metricNs mean of the analysed metric, ns
 * @param metricCi its interval
 * @param seqPerS sequences per second from the analysed metric ({@code batch / latency})
 * @param tokensPerS tokens per second from the analysed metric
 * @param deviceNs mean over the trials with device timing of their mean device time per step, ns (NaN without)
 * @param deviceGapNs mean over the same trials of host minus device time per step (mean latency minus device
 *     time: launches, framework, synchronisation), ns (NaN without device timing)
 */
public record PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
        double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs, double deviceGapNs) {

    /** A point without device timing. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, Double.NaN,
                Double.NaN);
    }

    /** Whether the point's trials carried device time. */
    public boolean deviceTimed() {
        return !Double.isNaN(deviceNs);
    }
}
