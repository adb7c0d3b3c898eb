package dev.scalebench.plan;

import dev.scalebench.config.Trim;
import dev.scalebench.config.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import dev.scalebench.plan.design.DesignPoint;
import dev.scalebench.plan.design.DesignSeries;
import dev.scalebench.plan.design.OptimalDesign;

/**
 * Budget trimming: which points and replicates a budget drops, by one of two stated rules ({@link Trim}):
 * {@link #OPTIMAL_RULE} (the default) or {@link #RULE} ({@code --trim largest-first}).
 */
public final class Budget {
    /** The trimming rule, as the CLI's {@code --help} prints it. */
    public static final String OPTIMAL_RULE = "(--trim optimal, the default) Keep the design that best determines "
            + "the fitted laws: while the estimated total exceeds the budget, remove the replicate (down to "
            + OptimalDesign.MIN_REPLICATES + " per point) or the whole point that loses the least information about "
            + "the parameters of its batch and seq series per second saved (greedy D-optimal: the loss is the drop of "
            + "log det of the series' Fisher information, from the Jacobian of the roofline or linear form over batch "
            + "and the quadratic or linear form over seq, fitted to the cost model's step times, under a relative "
            + "noise). The smallest and largest level of every series are kept, and at least "
            + OptimalDesign.MIN_SERIES_LEVELS + " levels (all when fewer); if the plan still does not fit, series may "
            + "fall to the fewest levels their form needs (parameters + 1), and then the remaining points are dropped "
            + "largest-first. Dropped points are listed with their estimates, fewer "
            + "replicates by point, and the predicted interval widths before and after. The gate needs 5 trials per "
            + "arm at a point (the default policy's min-trials): a point trimmed below that is not gated, so trim a "
            + "run meant for gating with --trim largest-first, which keeps every kept point's replicates.";

    /** The former rule, {@code --trim largest-first}. */
    public static final String RULE = "(--trim largest-first) While the estimated total (every replicate of every kept point) exceeds the "
            + "budget, drop the whole point (all its replicates) with the largest estimated time; ties are broken "
            + "by point id (the smallest id is dropped first). Dropped points are listed with their estimates.";

    /**
     * What trimming kept and dropped.
     *
     * @param kept kept points, in their original order
     * @param dropped dropped points with reasons, in the order they were dropped
     * @param total estimated time of the kept points (all replicates)
     * @param replicates replicates of each kept point, by point id; empty when every kept point keeps the spec's
     */
    public record Result(List<SweepPoint> kept, List<Plan.Excluded> dropped, Duration total,
                         Map<String, Integer> replicates) {
        public Result {
            kept = List.copyOf(kept);
            dropped = List.copyOf(dropped);
            replicates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(replicates));
        }
    }

    private Budget() {
    }

    /**
     * Applies {@code rule}.
     *
     * @param points candidate points, in plan order
     * @param trialTime estimated time of one trial of each point, by point id
     * @param replicates the spec's replicates per point
     * @param cost the cost model (its step times are the design's nominal latencies)
     * @param budget the budget, or {@code null} for none
     */
    public static Result trim(Trim rule, List<SweepPoint> points, Map<String, Duration> trialTime, int replicates,
            CostModel cost, Duration budget) {
        if (rule == Trim.LARGEST_FIRST) {
            Map<String, Duration> pointTime = new java.util.LinkedHashMap<>();
            points.forEach(p -> pointTime.put(p.id(), trialTime.get(p.id()).multipliedBy(replicates)));
            return trim(points, pointTime, budget);
        }
        double[] trial = new double[points.size()];
        for (int i = 0; i < trial.length; i++) {
            trial[i] = trialTime.get(points.get(i).id()).toNanos() / 1e9;
        }
        List<DesignSeries> series = DesignSeries.of(designPoints(points, cost));
        OptimalDesign.Result d = OptimalDesign.trim(points.size(), series, trial, replicates,
                budget == null ? Double.POSITIVE_INFINITY : budget.toNanos() / 1e9);
        List<SweepPoint> kept = new ArrayList<>();
        Map<String, Integer> kr = new java.util.LinkedHashMap<>();
        Duration total = Duration.ZERO;
        for (int i = 0; i < points.size(); i++) {
            if (d.replicates()[i] > 0) {
                kept.add(points.get(i));
                kr.put(points.get(i).id(), d.replicates()[i]);
                total = total.plus(trialTime.get(points.get(i).id()).multipliedBy(d.replicates()[i]));
            }
        }
        List<Plan.Excluded> dropped = new ArrayList<>();
        for (int k = 0; k < d.dropped().size(); k++) {
            SweepPoint p = points.get(d.dropped().get(k));
            dropped.add(new Plan.Excluded(p, "dropped by the budget of " + Units.formatDuration(budget)
                    + ": estimated " + Units.formatDuration(trialTime.get(p.id()).multipliedBy(replicates))
                    + " for all replicates (" + (k < d.fewerLevelsFrom() ? "least information per second saved"
                    : k < d.largestFirstFrom() ? "least information per second saved; the budget cannot keep "
                    + OptimalDesign.MIN_SERIES_LEVELS + " levels of every series"
                    : "largest first: the budget cannot keep every series fitted") + ")"));
        }
        return new Result(kept, dropped, total, kr);
    }

    /**
     * The points as the design sees them: their series along batch and seq, named as the analysis names them
     * ({@code batch:gpt-125m/bf16/decode/s128}), and the cost model's step time ({@link CostModel#stepTime}), the
     * design's nominal latency.
     */
    public static List<DesignPoint> designPoints(List<SweepPoint> points, CostModel cost) {
        List<DesignPoint> out = new ArrayList<>(points.size());
        for (SweepPoint p : points) {
            String fixed = p.model().name() + "/" + p.dtype().id() + "/" + p.phase().id();
            String o = p.output() > 0 ? "/o" + p.output() : "";
            out.add(new DesignPoint("batch:" + fixed + "/s" + p.seq() + o, "seq:" + fixed + "/b" + p.batch() + o,
                    p.batch(), p.seq(), Math.max(cost.stepTime(p).toNanos(), 1) / 1e9));
        }
        return out;
    }

    /**
     * Applies {@link #RULE} (largest first).
     *
     * @param points candidate points, in plan order
     * @param pointTime estimated time of each point, all replicates, by point id
     * @param budget the budget, or {@code null} for none
     */
    public static Result trim(List<SweepPoint> points, Map<String, Duration> pointTime, Duration budget) {
        Duration total = points.stream().map(p -> pointTime.get(p.id())).reduce(Duration.ZERO, Duration::plus);
        if (budget == null || total.compareTo(budget) <= 0) {
            return new Result(points, List.of(), total, Map.of());
        }
        List<SweepPoint> byCost = new ArrayList<>(points);
        byCost.sort(Comparator.comparing((SweepPoint p) -> pointTime.get(p.id())).reversed()
                .thenComparing(SweepPoint::id));
        List<Plan.Excluded> dropped = new ArrayList<>();
        List<String> droppedIds = new ArrayList<>();
        for (SweepPoint p : byCost) {
            if (total.compareTo(budget) <= 0) {
                break;
            }
            Duration t = pointTime.get(p.id());
            total = total.minus(t);
            droppedIds.add(p.id());
            dropped.add(new Plan.Excluded(p, "dropped by the budget of " + Units.formatDuration(budget)
                    + ": estimated " + Units.formatDuration(t) + " for all replicates (largest first)"));
        }
        List<SweepPoint> kept = points.stream().filter(p -> !droppedIds.contains(p.id())).toList();
        return new Result(kept, dropped, total, Map.of());
    }
}
