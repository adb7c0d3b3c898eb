package dev.scalebench.analysis;

import dev.scalebench.measure.Flag;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.stats.Interval;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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
 * @param flags per quality flag ({@link Flag}), how many of the point's trials carry it,
 *     sorted by flag (= by id); flags no trial carries are absent
 * @param generation a generate point's TTFT and TPOT ({@link GenerationStats}); null for prefill and decode
 *     points. For a generate point, p50 and p99 are its requests' end-to-end latencies, and {@code tokensPerS}
 *     its output tokens per second, all sequences together
 * @param memPeakBytes the point's measured peak memory growth, bytes: the largest reading over its trials (the
 *     figure of {@code summary.csv}'s {@code mem_peak_bytes}, docs/measurement.md "Memory"); {@code -1} when no
 *     trial measured it
 * @param energy the point's energy figures over its trials with an energy reading ({@link EnergyStats}); null when
 *     none has one
 */
public record PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
        double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs, double deviceGapNs,
        Interval seqPerSCi, Interval tokensPerSCi, Map<Flag, Integer> flags, GenerationStats generation,
        long memPeakBytes, EnergyStats energy) {

    public PointStats {
        seqPerSCi = seqPerSCi == null ? Interval.UNDEFINED : seqPerSCi;
        tokensPerSCi = tokensPerSCi == null ? Interval.UNDEFINED : tokensPerSCi;
        flags = flags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(flags));
        memPeakBytes = memPeakBytes < 0 ? -1 : memPeakBytes;
    }

    /** A point without energy readings. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs, Interval seqPerSCi, Interval tokensPerSCi, Map<Flag, Integer> flags,
            GenerationStats generation, long memPeakBytes) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, seqPerSCi, tokensPerSCi, flags, generation, memPeakBytes, null);
    }

    /** A point whose memory was not measured. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs, Interval seqPerSCi, Interval tokensPerSCi, Map<Flag, Integer> flags,
            GenerationStats generation) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, seqPerSCi, tokensPerSCi, flags, generation, -1);
    }

    /** A point without generation figures (prefill or decode). */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs, Interval seqPerSCi, Interval tokensPerSCi, Map<Flag, Integer> flags) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, seqPerSCi, tokensPerSCi, flags, null);
    }

    /** A point without quality flags. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs, Interval seqPerSCi, Interval tokensPerSCi) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, seqPerSCi, tokensPerSCi, Map.of());
    }

    /** A point without throughput intervals or quality flags. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS, double deviceNs,
            double deviceGapNs) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, deviceNs,
                deviceGapNs, Interval.UNDEFINED, Interval.UNDEFINED, Map.of());
    }

    /** A point without device timing or quality flags. */
    public PointStats(PointKey point, int trials, double p50Ns, Interval p50Ci, double p99Ns, Interval p99Ci,
            double metricNs, Interval metricCi, double seqPerS, double tokensPerS) {
        this(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS, Double.NaN,
                Double.NaN, Interval.UNDEFINED, Interval.UNDEFINED, Map.of());
    }

    /** This point with these flag counts. */
    public PointStats withFlags(Map<Flag, Integer> counts) {
        return new PointStats(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS,
                deviceNs, deviceGapNs, seqPerSCi, tokensPerSCi, counts, generation, memPeakBytes, energy);
    }

    /** This point with these generation figures. */
    public PointStats withGeneration(GenerationStats figures) {
        return new PointStats(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS,
                deviceNs, deviceGapNs, seqPerSCi, tokensPerSCi, flags, figures, memPeakBytes, energy);
    }

    /** This point with this measured peak memory growth, bytes ({@code -1}: unknown). */
    public PointStats withMemPeak(long bytes) {
        return new PointStats(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS,
                deviceNs, deviceGapNs, seqPerSCi, tokensPerSCi, flags, generation, bytes, energy);
    }

    /** This point with these energy figures (null: none). */
    public PointStats withEnergy(EnergyStats figures) {
        return new PointStats(point, trials, p50Ns, p50Ci, p99Ns, p99Ci, metricNs, metricCi, seqPerS, tokensPerS,
                deviceNs, deviceGapNs, seqPerSCi, tokensPerSCi, flags, generation, memPeakBytes, figures);
    }

    /** Whether any of the point's trials measured its memory. */
    public boolean memoryKnown() {
        return memPeakBytes >= 0;
    }

    /**
     * Output tokens per second of one sequence (one user) of a generate point: {@link #tokensPerS()} over the
     * batch, and its interval likewise; NaN for other points.
     */
    public double tokensPerSPerUser() {
        return point.output() > 0 ? tokensPerS / point.batch() : Double.NaN;
    }

    /** Whether the point's trials carried device time. */
    public boolean deviceTimed() {
        return !Double.isNaN(deviceNs);
    }
}
