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
 */
public record PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
        double metricNs, Interval metricCi, double seqPerS, double tokensPerS) {
}
