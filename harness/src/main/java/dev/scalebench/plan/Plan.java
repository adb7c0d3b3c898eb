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
 * @param replicates replicates of the kept points that the budget gave fewer than the spec's, by point id
 */
public record Plan(SweepSpec spec, long deviceMemoryBytes, List<SweepPoint> points, List<Excluded> infeasible,
                   List<Excluded> dropped, List<Trial> trials, Map<String, Duration> trialEstimates,
                   Duration totalEstimate, Map<String, Integer> replicates) {

    public Plan {
        replicates = Collections.unmodifiableMap(new LinkedHashMap<>(replicates));
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

    /** A plan in which every kept point runs the spec's replicates. */
    public Plan(SweepSpec spec, long deviceMemoryBytes, List<SweepPoint> points, List<Excluded> infeasible,
                List<Excluded> dropped, List<Trial> trials, Map<String, Duration> trialEstimates,
                Duration totalEstimate) {
        this(spec, deviceMemoryBytes, points, infeasible, dropped, trials, trialEstimates, totalEstimate, Map.of());
    }

    /** Replicates of a point in this plan: the spec's, or fewer where the budget's design kept fewer. */
    public int replicates(SweepPoint p) {
        return replicates.getOrDefault(p.id(), spec.replicates());
    }

    /** Estimated time of every replicate of a feasible point (the spec's replicates for a dropped one). */
    public Duration pointEstimate(SweepPoint p) {
        return trialEstimate(p).multipliedBy(replicates(p));
    }

    /** {@code true} when nothing is left to run. */
    public boolean isEmpty() {
        return trials.isEmpty();
    }
}
