package dev.scalebench.analysis.compare;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.Locale;

/**
 * The effect at one matched point for one metric: the ratio of the medians of the per-trial values, other run /
 * baseline, with its bootstrap interval over trials.
 *
 * @param run index of the other run (1 or more; 0 is the baseline)
 * @param metric the metric
 * @param baseline the baseline's median (ns, or tokens/s)
 * @param other the other run's median
 * @param ratio {@code other / baseline}
 * @param ci bootstrap percentile interval of the ratio
 * @param baselineTrials the baseline's OK trials
 * @param otherTrials the other run's OK trials
 */
public record Effect(int run, TrialMetric metric, double baseline, double other, double ratio, Interval ci,
        int baselineTrials, int otherTrials) {

    /** Which way the other run went, judged by the interval. */
    public enum Direction {
        /** The interval lies entirely on the better side of 1. */
        FASTER,
        /** The interval lies entirely on the worse side of 1. */
        SLOWER,
        /** The interval contains 1. */
        UNCLEAR
    }

    /** How many times faster the other run is: the ratio for throughput, its inverse for latencies. */
    public double speedup() {
        return metric.higherIsBetter() ? ratio : 1 / ratio;
    }

    /** The interval of {@link #speedup()}. */
    public Interval speedupCi() {
        return metric.higherIsBetter() ? ci : new Interval(1 / ci.hi(), 1 / ci.lo());
    }

    /** FASTER, SLOWER, or UNCLEAR when the interval contains 1. */
    public Direction direction() {
        Interval s = speedupCi();
        return s.lo() > 1 ? Direction.FASTER : s.hi() < 1 ? Direction.SLOWER : Direction.UNCLEAR;
    }

    /**
     * The effect in words: {@code 1.84× faster [1.79, 1.90]}, {@code 1.25× slower [1.20, 1.31]}; for an energy
     * metric ({@link TrialMetric#energy()}) {@code better} and {@code worse} ({@code 1.20× worse [1.18, 1.22]}: 20 %
     * more joules per token); an interval that contains 1 adds {@code (unclear)}.
     */
    public String words() {
        double s = speedup();
        Interval ci = speedupCi();
        boolean energy = metric.energy();
        String text = s >= 1 ? times(s) + (energy ? " better [" : " faster [") + num(ci.lo()) + ", " + num(ci.hi())
                + "]"
                : times(1 / s) + (energy ? " worse [" : " slower [") + num(1 / ci.hi()) + ", " + num(1 / ci.lo())
                + "]";
        return direction() == Direction.UNCLEAR ? text + " (unclear)" : text;
    }

    /** {@code 1.84×}. */
    public static String times(double v) {
        return num(v) + "×";
    }

    /** A factor with three significant digits, trailing zeros kept: {@code 1.00}, {@code 12.3}, {@code 0.951}. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isInfinite(v) ? (v > 0 ? "∞" : "-∞") : "n/a";
        }
        double a = Math.abs(v);
        String f = a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : a >= 0.9995 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }
}
