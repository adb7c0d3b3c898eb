package dev.scalebench.analysis.fit;

import java.util.Arrays;

/**
 * Observations in the scaled coordinates the solvers work in: {@code u = x / xRef} with {@code xRef} the largest
 * level, and {@code lv = ln(y / yRef)} with {@code yRef} the geometric mean latency. Parameters found here are
 * mapped back to natural units by each {@link Form}. Immutable.
 */
final class Obs {
    final double[] x;
    final double[] u;
    final double[] lv;
    /** Index into {@link #levels} of each observation. */
    final int[] level;
    /** Distinct levels, ascending, natural units. */
    final double[] levels;
    final double xRef;
    final double yRef;

    private Obs(double[] x, double[] lv, double xRef, double yRef) {
        this.x = x;
        this.lv = lv;
        this.xRef = xRef;
        this.yRef = yRef;
        this.levels = Arrays.stream(x).distinct().sorted().toArray();
        this.level = new int[x.length];
        this.u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            level[i] = Arrays.binarySearch(levels, x[i]);
            u[i] = x[i] / xRef;
        }
    }

    private Obs(Obs like, double[] lv) {
        this.x = like.x;
        this.u = like.u;
        this.level = like.level;
        this.levels = like.levels;
        this.xRef = like.xRef;
        this.yRef = like.yRef;
        this.lv = lv;
    }

    /** Observations with positive, finite {@code x} and {@code y} (seconds). */
    static Obs of(double[] x, double[] y) {
        double xMax = Arrays.stream(x).max().orElseThrow();
        double logSum = 0;
        for (double v : y) {
            logSum += Math.log(v);
        }
        double yRef = Math.exp(logSum / y.length);
        double[] lv = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            lv[i] = Math.log(y[i] / yRef);
        }
        return new Obs(x.clone(), lv, xMax, yRef);
    }

    /** The same levels and scaling with other log latencies (a bootstrap resample). */
    Obs withLogs(double[] newLv) {
        return new Obs(this, newLv);
    }

    /** The observations whose level is at most {@code maxLevel}, rescaled on their own. */
    Obs upTo(double maxLevel) {
        int m = 0;
        for (double v : x) {
            if (v <= maxLevel) {
                m++;
            }
        }
        double[] xs = new double[m];
        double[] ys = new double[m];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= maxLevel) {
                xs[k] = x[i];
                ys[k++] = yRef * Math.exp(lv[i]);
            }
        }
        return of(xs, ys);
    }

    int n() {
        return x.length;
    }

    int levelCount() {
        return levels.length;
    }

    double minLevel() {
        return levels[0];
    }

    double maxLevel() {
        return levels[levels.length - 1];
    }

    /** Latency in seconds of observation {@code i}. */
    double y(int i) {
        return yRef * Math.exp(lv[i]);
    }
}
