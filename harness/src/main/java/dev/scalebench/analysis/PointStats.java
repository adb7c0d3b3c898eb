package dev.scalebench.analysis;

import dev.scalebench.results.PointStatistic;
import dev.scalebench.stats.Interval;

/**
 * One point's trials summarized for {@code fits.json} and the reports: the point's figures as every output defines
 * them ({@link PointStatistic}): medians over trials of each trial's value, with 95 % percentile-bootstrap
 * intervals over trials (undefined with fewer than two trials), the same numbers as {@code summary.csv}.
 *
 * @param point the point
 * @param trials number of trials (samples)
 * @param p50Ns median over trials of the trials' p50, ns
 * @param p50Ci its interval
 * @param p99Ns median over trials of the trials' p99, ns (NaN when not measured)
 * @param p99Ci its interval
 * @param metricNs median over trials of the analysed metric (what the fits model), ns
 * @param metricCi its interval
 * @param seqPerS throughput: median over trials of {@code batch / the trial's mean step time}, sequences per
 *     second (NaN without mean latencies)
 * @param tokensPerS throughput: median over trials of {@code tokens per step / the trial's mean step time}
 * @param deviceNs mean over the trials with device timing of their mean device time per step, ns (NaN without)
 * @param deviceGapNs mean over the same trials of host minus device time per step (mean latency minus device
 *     time: launches, framework, synchronisation), ns (NaN without device timing)
 * @param seqPerSCi the interval of {@code seqPerS}
 * @param tokensPerSCi the interval of {@code tokensPerS}
 */
public record PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
        double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs, double deviceGapNs,
        Interval seqPerSCi, Interval tokensPerSCi) {

    /** A point whose throughput intervals are not known. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, Interval.UNDEFINED, Interval.UNDEFINED);
    }

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
