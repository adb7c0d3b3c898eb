package dev.scalebench.analysis.design;

import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Stats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A pilot point's trial-to-trial spread: for each metric, the standard deviation of the natural log of its OK
 * trials' values (with {@code n − 1}), which for small spreads is the coefficient of variation. The gate and the fits
 * both work on log ratios, so this is the noise they see.
 *
 * @param point the planned point
 * @param trials OK trials at the point
 * @param sigma log-space standard deviation per metric ({@link #METRICS}); NaN with fewer than 2 trials
 * @param meanStepNs median over trials of the mean step time, ns (NaN without trials)
 * @param iterations median over trials of the measured steps per trial (0 without trials)
 */
public record PointSpread(PointEntry point, int trials, Map<TrialMetric, Double> sigma, double meanStepNs,
        long iterations) {

    /** The metrics whose spread a pilot reports: the median, the tail and throughput. */
    public static final List<TrialMetric> METRICS = List.of(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT);

    public PointSpread {
        sigma = Map.copyOf(sigma);
    }

    /** The spread of {@code point}'s OK trials, for {@link #METRICS} and any further metrics asked for. */
    public static PointSpread of(PointEntry point, List<TrialValues> trials, List<TrialMetric> more) {
        Map<TrialMetric, Double> s = new EnumMap<>(TrialMetric.class);
        for (TrialMetric m : METRICS) {
            s.put(m, sigmaLog(trials, m));
        }
        for (TrialMetric m : more) {
            s.put(m, sigmaLog(trials, m));
        }
        double step = trials.isEmpty() ? Double.NaN
                : Stats.median(trials.stream().mapToDouble(TrialValues::meanNs).toArray());
        long iterations = trials.isEmpty() ? 0
                : Math.round(Stats.median(trials.stream().mapToDouble(TrialValues::iterations).toArray()));
        return new PointSpread(point, trials.size(), s, step, iterations);
    }

    /** The log-space spread of {@code m}, NaN when not known (fewer than 2 positive finite values). */
    public double sigma(TrialMetric m) {
        return sigma.getOrDefault(m, Double.NaN);
    }

    /** Standard deviation of {@code ln value} over the trials' positive finite values; NaN with fewer than 2. */
    static double sigmaLog(List<TrialValues> trials, TrialMetric m) {
        double[] logs = trials.stream().mapToDouble(t -> t.value(m)).filter(v -> v > 0 && Double.isFinite(v))
                .map(Math::log).toArray();
        return logs.length < 2 ? Double.NaN : Stats.stdev(logs);
    }
}
