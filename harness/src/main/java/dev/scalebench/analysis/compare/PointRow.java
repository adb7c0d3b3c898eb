package dev.scalebench.analysis.compare;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One point across all runs.
 *
 * @param key what the runs' points were matched on
 * @param arms one per run, in run order; null where the run does not have the point
 * @param effects per other run and metric where both the baseline and that run have OK trials
 * @param costs per other run whose cost per token and the baseline's are both known
 */
public record PointRow(MatchKey key, List<Arm> arms, List<Effect> effects, List<CostRatio> costs) {

    public PointRow {
        arms = Collections.unmodifiableList(new ArrayList<>(arms));
        effects = List.copyOf(effects);
        costs = List.copyOf(costs);
    }

    /** Run {@code run}'s side, or null. */
    public Arm arm(int run) {
        return arms.get(run);
    }

    /** The effect in run {@code run} for {@code metric}, or null. */
    public Effect effect(int run, TrialMetric metric) {
        for (Effect e : effects) {
            if (e.run() == run && e.metric() == metric) {
                return e;
            }
        }
        return null;
    }

    /** The cost ratio of run {@code run}, or null. */
    public CostRatio cost(int run) {
        for (CostRatio c : costs) {
            if (c.run() == run) {
                return c;
            }
        }
        return null;
    }

    /** Whether every run has the point. */
    public boolean inAll() {
        return arms.stream().allMatch(a -> a != null);
    }

    /**
     * Cost per token of another run relative to the baseline: {@code (price_other / price_baseline) /
     * throughput ratio}, with its interval from the throughput ratio's bootstrap interval.
     *
     * @param run index of the other run
     * @param ratio cost per token, other / baseline (below 1: the other run is cheaper)
     * @param ci its interval
     */
    public record CostRatio(int run, double ratio, Interval ci) { }
}
