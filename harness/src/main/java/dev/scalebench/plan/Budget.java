package dev.scalebench.plan;

import dev.scalebench.config.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Budget trimming: the one rule that decides which points a budget drops ({@link #RULE}).
 */
public final class Budget {
    /** The trimming rule, as the CLI's {@code --help} prints it. */
    public static final String RULE = "While the estimated total (every replicate of every kept point) exceeds the "
            + "budget, drop the whole point (all its replicates) with the largest estimated time; ties are broken "
            + "by point id (the smallest id is dropped first). Dropped points are listed with their estimates.";

    /**
     * What trimming kept and dropped.
     *
     * @param kept kept points, in their original order
     * @param dropped dropped points with reasons, in the order they were dropped
     * @param total estimated time of the kept points (all replicates)
     */
    public record Result(List<SweepPoint> kept, List<Plan.Excluded> dropped, Duration total) { }

    private Budget() {
    }

    /**
     * Applies {@link #RULE}.
     *
     * @param points candidate points, in plan order
     * @param pointTime estimated time of each point, all replicates, by point id
     * @param budget the budget, or {@code null} for none
     */
    public static Result trim(List<SweepPoint> points, Map<String, Duration> pointTime, Duration budget) {
        Duration total = points.stream().map(p -> pointTime.get(p.id())).reduce(Duration.ZERO, Duration::plus);
        if (budget == null || total.compareTo(budget) <= 0) {
            return new Result(List.copyOf(points), List.of(), total);
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
        return new Result(kept, dropped, total);
    }
}
