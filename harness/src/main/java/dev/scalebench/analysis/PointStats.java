package dev.scalebench.analysis;

import dev.scalebench.stats.Interval;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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
 * @param flags per quality flag ({@link dev.scalebench.measure.Flags}), how many of the point's trials carry it,
 *     sorted by flag; flags no trial carries are absent
 */
public record PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
        double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs, double deviceGapNs,
        Map<String, Integer> flags) {

    public PointStats {
        flags = flags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(flags));
    }

    /** A point without quality flags. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, Map.of());
    }

    /** A point without device timing or quality flags. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, Double.NaN,
                Double.NaN, Map.of());
    }

    /** This point with these flag counts. */
    public PointStats withFlags(Map<String, Integer> counts) {
        return new PointStats(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS,
                deviceNs, deviceGapNs, counts);
    }

    /** Whether the point's trials carried device time. */
    public boolean deviceTimed() {
        return !Double.isNaN(deviceNs);
    }
}
