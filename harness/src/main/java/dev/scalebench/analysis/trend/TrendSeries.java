package dev.scalebench.analysis.trend;

import java.util.ArrayList;
import java.util.List;

/**
 * One series with what detection found in it.
 *
 * @param key what it follows
 * @param runs its values, one per run, in start order
 * @param changes the change points whose adjusted p-value passes, by index
 * @param notSignificant change points the series' own test kept but the correction across series did not
 * @param tooShort whether it has fewer than 2 × the minimum segment runs, so that nothing could be tested
 */
public record TrendSeries(TrendKey key, List<Observation> runs, List<ChangePoint> changes,
        List<ChangePoint> notSignificant, boolean tooShort) {

    public TrendSeries {
        runs = List.copyOf(runs);
        changes = List.copyOf(changes);
        notSignificant = List.copyOf(notSignificant);
    }

    /**
     * A stretch of runs between change points.
     *
     * @param from first run (inclusive)
     * @param to last run (exclusive)
     * @param mean the mean of their values
     */
    public record Segment(int from, int to, double mean) { }

    /** Whether the series has a change point. */
    public boolean flagged() {
        return !changes.isEmpty();
    }

    /** Whether any change point is a regression. */
    public boolean regressed() {
        return changes.stream().anyMatch(c -> c.direction() == Direction.REGRESSION);
    }

    /** The values, in run order. */
    public double[] values() {
        return runs.stream().mapToDouble(Observation::value).toArray();
    }

    /** The segments the (reported) change points cut the series into, with their means. */
    public List<Segment> segments() {
        List<Segment> s = new ArrayList<>();
        double[] v = values();
        int from = 0;
        for (int k = 0; k <= changes.size(); k++) {
            int to = k < changes.size() ? changes.get(k).index() : v.length;
            if (to > from) {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += v[i];
                }
                s.add(new Segment(from, to, sum / (to - from)));
            }
            from = to;
        }
        return s;
    }
}
