package dev.scalebench.plan;

import dev.scalebench.config.SweepSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep will run, and what it will not and why. Built by {@link Planner#plan}.
 *
 * @param spec the sweep
 * @param deviceMemoryBytes the memory feasibility assumed ({@code -1}: unknown, no point excluded)
 * @param points feasible points kept within the budget, in expansion order
 * @param infeasible points that do not fit in memory, with the estimate
 * @param dropped points the budget dropped, with their estimated time, in the order dropped
 * @param trials the kept points' trials in run order ({@link Trial#sequence()} = index)
 * @param trialEstimates estimated time of one trial, by point id, for every feasible point (kept or dropped)
 * @param totalEstimate estimated time of all trials
 */
public record Plan(SweepSpec spec, long deviceMemoryBytes, List<SweepPoint> points, List<Excluded> infeasible,
                   List<Excluded> dropped, List<Trial> trials, Map<String, Duration> trialEstimates,
                   Duration totalEstimate) {

    public Plan {
        points = List.copyOf(points);
        infeasible = List.copyOf(infeasible);
        dropped = List.copyOf(dropped);
        trials = List.copyOf(trials);
        trialEstimates = Collections.unmodifiableMap(new LinkedHashMap<>(trialEstimates));
    }

    /**
     * A point left out of the run.
     *
     * @param point the point
     * @param reason why, in words (memory estimate, or estimated time and budget)
     */
    public record Excluded(SweepPoint point, String reason) { }

    /** Estimated time of one trial of a feasible point ({@link Duration#ZERO} for an unknown id). */
    public Duration trialEstimate(SweepPoint p) {
        return trialEstimates.getOrDefault(p.id(), Duration.ZERO);
    }

    /** Estimated time of every replicate of a feasible point. */
    public Duration pointEstimate(SweepPoint p) {
        return trialEstimate(p).multipliedBy(spec.replicates());
    }

    /** {@code true} when nothing is left to run. */
    public boolean isEmpty() {
        return trials.isEmpty();
    }
}
