package dev.scalebench.plan.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy D-optimal trimming of a design to a budget ({@code dev.scalebench.plan.Budget#OPTIMAL_RULE}).
 *
 * <p>State: the replicates {@code r_p} of every point. Criterion: {@code Σ_s log det M_s} over the fitted series
 * ({@link DesignSeries}), with {@code M_s = Σ_{p∈s} r_p · J_p J_pᵀ / (cv · t_p)²} the Fisher information of the
 * series' parameters under relative noise (the analysis fits in log space; {@code cv} cancels from every choice).
 * A point in no fitted series counts as a series of its own with one parameter, its mean.
 *
 * <p>Step: among the moves "one replicate less" (down to {@link #MIN_REPLICATES}, or the spec's replicates if
 * fewer) and "the whole point less" (a point at that floor that is neither the smallest nor the largest level of
 * any of its series, and whose series keep at least {@code min(levels, 5)} levels), make the one with the smallest
 * loss of {@code Σ log det} per second saved; the loss of a rank-one removal is {@code −log(1 − Δr·w·Jᵀ M⁻¹ J)},
 * infinite when it would leave a series' parameters undetermined. Repeat until the plan fits. When no move is left
 * and the plan still does not fit, the same again with series allowed down to the fewest levels their form needs
 * (its parameters plus one, extremes still kept); then the remaining points are dropped largest-first. The result
 * says where each relaxation began.
 */
public final class OptimalDesign {
    /** Replicates a kept point keeps at least: two, so that the cluster bootstrap sees each point's spread. */
    public static final int MIN_REPLICATES = 2;
    /** Levels a fitted series keeps at least (all of them when it has fewer). */
    public static final int MIN_SERIES_LEVELS = 5;

    /**
     * The trimmed design.
     *
     * @param replicates replicates per point (0: dropped), by index into the points
     * @param dropped the dropped points' indices, in the order dropped
     * @param fewerLevelsFrom index into {@code dropped} from which series were let fall below
     *     {@link #MIN_SERIES_LEVELS} levels (to the fewest their form needs); {@code dropped.size()} when none was
     * @param largestFirstFrom index into {@code dropped} from which points were dropped largest-first, the
     *     constraints given up; {@code dropped.size()} when none was
     * @param totalSeconds estimated time of the kept trials
     */
    public record Result(int[] replicates, List<Integer> dropped, int fewerLevelsFrom, int largestFirstFrom,
                         double totalSeconds) { }

    private OptimalDesign() {
    }

    /**
     * Trims {@code replicates} of every point to fit {@code budgetSeconds}.
     *
     * @param points number of points
     * @param series the fitted series over those points
     * @param trialSeconds estimated time of one trial of each point
     * @param replicates the spec's replicates per point
     */
    public static Result trim(int points, List<DesignSeries> series, double[] trialSeconds, int replicates,
            double budgetSeconds) {
        int[] r = new int[points];
        java.util.Arrays.fill(r, replicates);
        double total = 0;
        for (double t : trialSeconds) {
            total += t * replicates;
        }
        List<Integer> dropped = new ArrayList<>();
        if (total <= budgetSeconds) {
            return new Result(r, dropped, 0, 0, total);
        }
        State s = new State(points, series, r);
        int floor = Math.min(MIN_REPLICATES, replicates);
        int[] from = new int[2];
        for (int phase = 0; phase < 2; phase++) {
            while (total > budgetSeconds) {
                int best = -1;
                int bestDelta = 0;
                double bestScore = Double.POSITIVE_INFINITY;
                for (int p = 0; p < points; p++) {
                    if (r[p] == 0) {
                        continue;
                    }
                    int delta = r[p] > floor ? 1 : s.removable(p, phase == 1) ? r[p] : 0;
                    if (delta == 0) {
                        continue;
                    }
                    double score = s.loss(p, delta) / (delta * trialSeconds[p]);
                    if (score < bestScore) {
                        best = p;
                        bestDelta = delta;
                        bestScore = score;
                    }
                }
                if (best < 0) {
                    break;
                }
                s.remove(best, bestDelta);
                total -= bestDelta * trialSeconds[best];
                if (r[best] == 0) {
                    dropped.add(best);
                }
            }
            from[phase] = dropped.size();
        }
        while (total > budgetSeconds) {
            int largest = -1;
            for (int p = 0; p < points; p++) {
                if (r[p] > 0 && (largest < 0 || r[p] * trialSeconds[p] > r[largest] * trialSeconds[largest])) {
                    largest = p;
                }
            }
            if (largest < 0) {
                break;
            }
            total -= r[largest] * trialSeconds[largest];
            r[largest] = 0;
            dropped.add(largest);
        }
        return new Result(r, dropped, from[0], from[1], Math.max(total, 0));
    }

    /** The information matrices of the series and the bookkeeping of levels, updated move by move. */
    private static final class State {
        private final List<DesignSeries> series;
        private final int[] r;
        private final double[][][] m;
        private final double[][][] inverse;
        private final int[] levels;
        private final List<List<int[]>> of;
        private final boolean[] extreme;
        private final double[] j = new double[3];

        State(int points, List<DesignSeries> series, int[] r) {
            this.series = series;
            this.r = r;
            m = new double[series.size()][][];
            inverse = new double[series.size()][][];
            levels = new int[series.size()];
            of = new ArrayList<>();
            for (int p = 0; p < points; p++) {
                of.add(new ArrayList<>());
            }
            extreme = new boolean[points];
            for (int k = 0; k < series.size(); k++) {
                DesignSeries d = series.get(k);
                int n = d.form().size();
                m[k] = new double[n][n];
                levels[k] = d.levels();
                for (int i = 0; i < d.levels(); i++) {
                    int p = d.members()[i];
                    of.get(p).add(new int[] {k, i});
                    update(k, i, r[p]);
                }
                extreme[d.members()[0]] = true;
                extreme[d.members()[d.levels() - 1]] = true;
                inverse[k] = Small.inverse(m[k]);
            }
        }

        private void update(int k, int i, double weight) {
            DesignSeries d = series.get(k);
            d.form().jacobian(d.u()[i], d.theta(), j);
            double w = weight / (d.step()[i] * d.step()[i]);
            int n = d.form().size();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    m[k][a][b] += w * j[a] * j[b];
                }
            }
        }

        /** Whether {@code p} may go: not an extreme, and its series keep 5 levels (or, relaxed, their form's). */
        boolean removable(int p, boolean relaxed) {
            if (extreme[p] || of.get(p).isEmpty()) {
                return false;
            }
            for (int[] ki : of.get(p)) {
                DesignSeries d = series.get(ki[0]);
                int least = relaxed ? d.form().size() + 1 : MIN_SERIES_LEVELS;
                if (levels[ki[0]] - 1 < Math.min(d.levels(), least)) {
                    return false;
                }
            }
            return true;
        }

        /** Loss of {@code Σ log det} when point {@code p} loses {@code delta} replicates. */
        double loss(int p, int delta) {
            if (of.get(p).isEmpty()) {
                return delta >= r[p] ? Double.POSITIVE_INFINITY : Math.log((double) r[p] / (r[p] - delta));
            }
            double loss = 0;
            for (int[] ki : of.get(p)) {
                double[][] inv = inverse[ki[0]];
                if (inv == null) {
                    continue;
                }
                DesignSeries d = series.get(ki[0]);
                d.form().jacobian(d.u()[ki[1]], d.theta(), j);
                double q = delta * Small.quadratic(inv, j) / (d.step()[ki[1]] * d.step()[ki[1]]);
                if (q >= 1 - 1e-9) {
                    return Double.POSITIVE_INFINITY;
                }
                loss -= Math.log(1 - q);
            }
            return loss;
        }

        void remove(int p, int delta) {
            r[p] -= delta;
            for (int[] ki : of.get(p)) {
                update(ki[0], ki[1], -delta);
                inverse[ki[0]] = Small.inverse(m[ki[0]]);
                if (r[p] == 0) {
                    levels[ki[0]]--;
                }
            }
        }
    }
}
