package dev.scalebench.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis's mapping from data to pixels, linear or logarithmic, with a padded domain and "nice" ticks
 * (1, 2, 5 × 10^k on linear axes; decades, thinned or filled in with 2 and 5 on log axes).
 */
public final class Scale {

    private final boolean log;
    private final double lo;
    private final double hi;
    private final List<Double> ticks;

    private Scale(boolean log, double lo, double hi, List<Double> ticks) {
        this.log = log;
        this.lo = lo;
        this.hi = hi;
        this.ticks = List.copyOf(ticks);
    }

    /**
     * A linear scale covering {@code [min, max]}, widened to whole tick steps.
     *
     * @param includeZero whether the domain must contain 0 (throughput, counts)
     */
    public static Scale linear(double min, double max, boolean includeZero) {
        if (includeZero) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / 5);
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(k * step);
        }
        return new Scale(false, first * step, last * step, ticks);
    }

    /** A logarithmic scale covering {@code [min, max]} (both positive), padded by a small factor. */
    public static Scale log(double min, double max) {
        if (!(min > 0) || !(max > 0)) {
            throw new IllegalArgumentException("log scale needs positive bounds, got " + min + ", " + max);
        }
        if (!(max > min)) {
            min /= 2;
            max *= 2;
        }
        double pad = Math.pow(max / min, 0.04);
        double lo = min / pad;
        double hi = max * pad;
        return new Scale(true, lo, hi, logTicks(lo, hi));
    }

    /** A scale over the same domain as this one with ticks exactly at {@code levels} (those inside the domain). */
    public Scale withTicks(double[] levels) {
        List<Double> t = new ArrayList<>();
        for (double v : levels) {
            if (v >= lo && v <= hi && (!log || v > 0) && !t.contains(v)) {
                t.add(v);
            }
        }
        return t.size() < 2 ? this : new Scale(log, lo, hi, t);
    }

    private static List<Double> logTicks(double lo, double hi) {
        int d0 = (int) Math.floor(Math.log10(lo));
        int d1 = (int) Math.ceil(Math.log10(hi));
        int decades = d1 - d0;
        int[] mantissas = decades <= 1 ? new int[] {1, 2, 3, 5} : decades <= 3 ? new int[] {1, 2, 5} : new int[] {1};
        int every = Math.max(1, (int) Math.ceil(decades / 7.0));
        List<Double> ticks = new ArrayList<>();
        for (int d = d0; d <= d1; d++) {
            if (Math.floorMod(d, every) != 0) {
                continue;
            }
            for (int m : mantissas) {
                double v = m * Math.pow(10, d);
                if (v >= lo * 0.999999 && v <= hi * 1.000001) {
                    ticks.add(v);
                }
            }
        }
        if (ticks.size() < 2) {
            ticks.clear();
            ticks.add(lo * Math.pow(hi / lo, 0.1));
            ticks.add(lo * Math.pow(hi / lo, 0.9));
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return m * p;
    }

    /** Whether the scale is logarithmic. */
    public boolean isLog() {
        return log;
    }

    /** Lower end of the domain. */
    public double lo() {
        return lo;
    }

    /** Upper end of the domain. */
    public double hi() {
        return hi;
    }

    /** Tick positions, in data units, ascending. */
    public List<Double> ticks() {
        return ticks;
    }

    /** Whether {@code v} can be drawn on this scale (finite, and positive on a log scale). */
    public boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** {@code v} as a fraction of the domain, 0 at {@link #lo()} and 1 at {@link #hi()}. */
    public double fraction(double v) {
        return log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
    }
}
