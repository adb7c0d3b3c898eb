package dev.scalebench.analysis.trend;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Change-point detection in one series: E-divisive means with a Student t-test on the candidates, the method of
 * Apache Otava (formerly DataStax's Hunter; Fleming et al. 2023, "Hunter: Using Change Point Detection to Hunt
 * for Performance Regressions"). Deterministic: the t-test, not a permutation test, decides significance.
 *
 * <ol>
 * <li><b>Split.</b> Windows of {@code window} runs slide over the series by half a window (or from the last change
 * found). In each, the interval whose best energy split ({@link EnergySplit}) scores highest is split there if a
 * t-test between its two sides gives p ≤ {@link TrendOptions#weakP()}, and the search goes on in the pieces; the
 * first candidate that fails ends the window. The union over windows is the set of "weak" change points.</li>
 * <li><b>Merge.</b> Each weak change point is re-tested against its neighbours (the segments from the previous to
 * the next change point). While any fails, the worst is dropped and its neighbours re-tested: first a change point
 * with a side shorter than {@code minSegment} (windows overlap, so two may sit close), then the one with the
 * largest p if that exceeds {@code maxP}, then the one with the smallest relative change if that is below
 * {@code minMagnitude}.</li>
 * </ol>
 */
public final class ChangePoints {

    /**
     * A change point as detected in its series.
     *
     * @param index the first run of the new segment (0-based)
     * @param p the two-sided p-value of the t-test between the neighbouring segments
     * @param meanBefore mean of the segment before
     * @param meanAfter mean of the segment after
     * @param runsBefore runs in the segment before
     * @param runsAfter runs in the segment after
     */
    public record Change(int index, double p, double meanBefore, double meanAfter, int runsBefore, int runsAfter) {

        /** {@code meanAfter / meanBefore - 1}. */
        public double relativeChange() {
            return SegmentTest.relativeChange(meanBefore, meanAfter);
        }
    }

    /**
     * What detection found in a series.
     *
     * @param changes the change points, by index
     * @param screenP the smallest p-value of any candidate the split step tested (NaN when the series is too
     *     short for one): the series' evidence of a change when it has no change point, for the correction across
     *     series
     */
    public record Detection(List<Change> changes, double screenP) {
        public Detection {
            changes = List.copyOf(changes);
        }
    }

    private ChangePoints() {
    }

    /** The change points of {@code x} (runs in order) with {@code o}'s window, p-value, segment and magnitude. */
    public static Detection detect(double[] x, TrendOptions o) {
        int n = x.length;
        int min = o.minSegment();
        double[] screen = {Double.NaN};
        TreeSet<Integer> weak = new TreeSet<>();
        int step = Math.max(1, o.window() / 2);
        for (int start = 0; start + 2 * min <= n; ) {
            int end = Math.min(start + o.window(), n);
            List<Integer> found = split(x, start, end, min, o.weakP(), screen);
            weak.addAll(found);
            int last = found.isEmpty() ? 0 : found.get(found.size() - 1);
            start = Math.max(last, start + step);
        }
        return new Detection(merge(x, new ArrayList<>(weak), o), screen[0]);
    }

    /**
     * The merge step alone: {@code indices} (ascending) re-tested against their neighbours, the worst failing one
     * dropped until all pass. {@link TrendAnalysis} calls it again after the correction across series removed
     * some, since the others' segments (and so their tests) change with them.
     */
    static List<Change> retest(double[] x, List<Integer> indices, TrendOptions o) {
        return merge(x, new ArrayList<>(indices), o);
    }

    /** The weak change points of window {@code [start, end)}, ascending; records the smallest p tested. */
    private static List<Integer> split(double[] x, int start, int end, int min, double weakP, double[] screen) {
        EnergySplit energy = new EnergySplit(x, start, end);
        List<Integer> bounds = new ArrayList<>(List.of(start, end));
        while (true) {
            EnergySplit.Candidate best = null;
            int bestPiece = -1;
            for (int k = 0; k + 1 < bounds.size(); k++) {
                EnergySplit.Candidate c = energy.best(bounds.get(k), bounds.get(k + 1), min);
                if (c != null && (best == null || c.q() > best.q())) {
                    best = c;
                    bestPiece = k;
                }
            }
            if (best == null) {
                break;
            }
            double p = SegmentTest.of(x, bounds.get(bestPiece), best.tau(), bounds.get(bestPiece + 1)).p();
            screen[0] = Double.isNaN(screen[0]) ? p : Math.min(screen[0], p);
            if (p > weakP) {
                break;
            }
            bounds.add(bestPiece + 1, best.tau());
        }
        return bounds.subList(1, bounds.size() - 1);
    }

    /** The merge step: drops the worst failing change point until all pass. */
    private static List<Change> merge(double[] x, List<Integer> cps, TrendOptions o) {
        while (true) {
            List<Change> stats = stats(x, cps);
            int victim = -1;
            for (int k = 0; k < stats.size(); k++) {
                Change c = stats.get(k);
                if ((c.runsBefore() < o.minSegment() || c.runsAfter() < o.minSegment())
                        && (victim < 0 || c.p() > stats.get(victim).p())) {
                    victim = k;
                }
            }
            if (victim < 0) {
                for (int k = 0; k < stats.size(); k++) {
                    if (stats.get(k).p() > o.maxP() && (victim < 0 || stats.get(k).p() > stats.get(victim).p())) {
                        victim = k;
                    }
                }
            }
            if (victim < 0) {
                for (int k = 0; k < stats.size(); k++) {
                    double mag = Math.abs(stats.get(k).relativeChange());
                    if (mag < o.minMagnitude()
                            && (victim < 0 || mag < Math.abs(stats.get(victim).relativeChange()))) {
                        victim = k;
                    }
                }
            }
            if (victim < 0) {
                return stats;
            }
            cps.remove(victim);
        }
    }

    /** Each change point tested against its neighbours. */
    private static List<Change> stats(double[] x, List<Integer> cps) {
        List<Change> out = new ArrayList<>(cps.size());
        for (int k = 0; k < cps.size(); k++) {
            int a = k == 0 ? 0 : cps.get(k - 1);
            int b = cps.get(k);
            int c = k + 1 < cps.size() ? cps.get(k + 1) : x.length;
            SegmentTest t = SegmentTest.of(x, a, b, c);
            out.add(new Change(b, t.p(), t.mean1(), t.mean2(), t.n1(), t.n2()));
        }
        return out;
    }
}
