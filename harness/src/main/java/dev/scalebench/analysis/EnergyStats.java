package dev.scalebench.analysis;

import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.TrialMetric;
import java.util.List;

/**
 * A point's energy figures in {@code fits.json} and the reports: each the median over the point's trials with an
 * energy reading of the trial's value, with its 95 % bootstrap interval ({@link PointStatistic}), as in
 * {@code summary.csv} (docs/analysis.md, "Energy").
 *
 * @param joulesPerToken energy per token, J
 * @param joulesPerStep energy per step (per request at a generate point), J
 * @param powerW mean power over the measured loop, W
 */
public record EnergyStats(PointStatistic joulesPerToken, PointStatistic joulesPerStep, PointStatistic powerW) {

    /** The figures of a point's samples; {@code null} when none carries an energy reading. */
    public static EnergyStats of(String pointId, List<Sample> samples) {
        if (samples.stream().noneMatch(s -> s.energy() != null)) {
            return null;
        }
        return new EnergyStats(stat(pointId, samples, TrialMetric.JOULES_PER_TOKEN),
                stat(pointId, samples, TrialMetric.JOULES_PER_STEP), stat(pointId, samples, TrialMetric.POWER_W));
    }

    private static PointStatistic stat(String pointId, List<Sample> samples, TrialMetric m) {
        return PointStatistic.of(pointId, m.id(), samples.stream().mapToDouble(s -> s.value(m)).toArray());
    }
}
